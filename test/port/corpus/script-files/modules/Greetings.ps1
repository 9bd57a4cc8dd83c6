# greeting helpers for the team site
Use-PodeScript -Path (Join-Path $PSScriptRoot .\Format.ps1)

function Write-Greeting {
    param([string]$Name)
    Write-PodeJsonResponse -Value @{ Message = (Format-Greeting -Name $Name) }
}

Export-PodeFunction -Name 'Write-Greeting'
