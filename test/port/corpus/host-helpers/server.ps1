try {
    $ScriptPath = (Split-Path -Parent -Path $MyInvocation.MyCommand.Path)
    $podePath = Split-Path -Parent -Path $ScriptPath
    if (Test-Path -Path "$($podePath)/src/Pode.psm1" -PathType Leaf) {
        Import-Module "$($podePath)/src/Pode.psm1" -Force -ErrorAction Stop
    }
    else {
        Import-Module -Name 'Pode' -MaximumVersion 2.99 -ErrorAction Stop
    }
}
catch { throw }

# Pode's own host and sleep helpers, and random numbers in a range
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -Default

    Add-PodeRoute -Method Get -Path '/dice' -ScriptBlock {
        $roll = Get-Random -Minimum 1 -Maximum 7
        "rolled $roll" | Out-PodeHost
        Write-PodeJsonResponse -Value @{ Roll = $roll }
    }

    Add-PodeRoute -Method Get -Path '/slow' -ScriptBlock {
        Write-PodeHost 'waiting a moment'
        Start-PodeSleep -Milliseconds 50
        Write-PodeTextResponse -Value 'done'
    }
}
