<#
.SYNOPSIS
    A small team site whose code lives in files beside the script: helper functions loaded with
    Use-PodeScript, a module of its own, a route file with Windows separators, and a middleware
    held in a variable.

.EXAMPLE
    ./server.ps1
#>
try {
    # find the folder of this script, and Pode beside it or installed
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

# the module of team helpers
Import-PodeModule -Path './modules/Team.psm1'

$docsPath = Join-Path $ScriptPath 'documents'
$siteName = Split-Path -Leaf -Path $ScriptPath

Start-PodeServer -Verbose {
    Add-PodeEndpoint -Address localhost -Port 8095 -Protocol Http

    # greeting helpers, shared by every route
    Use-PodeScript -Path ./modules/Greetings.ps1

    $stamp = New-PodeMiddleware -ScriptBlock {
        Set-PodeHeader -Name 'X-Team' -Value 'rockets'
        return $true
    }

    Add-PodeRoute -Method Get -Path '/hello/:name' -Middleware $stamp -ScriptBlock {
        Write-Greeting -Name $WebEvent.Parameters['name']
    }

    Add-PodeRoute -Method Get -Path '/members' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Members = @(Get-TeamMember) }
    }

    Add-PodeRoute -Method Get -Path '/site' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = $using:siteName; Script = (Split-Path -Leaf -Path $MyInvocation.MyCommand.Path) }
    }

    # a route whose script block is kept in its own file
    Add-PodeRoute -Method Get -Path '/status' -FilePath '.\scripts\status.ps1'

    # the documents, browsable
    Add-PodeStaticRouteGroup -FileBrowser -Routes {
        Add-PodeStaticRoute -Path '/docs' -Source $using:docsPath
    }
}
