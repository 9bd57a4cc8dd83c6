Import-Module Pode

Start-PodeServer -Debug {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -DualMode

    # one secret for every signed cookie of the site
    Set-PodeCookieSecret -Value 'correct-horse' -Global

    Enable-PodeSessionMiddleware -Duration 120 -Generator {
        return [System.IO.Path]::GetRandomFileName()
    }

    Add-PodeRoute -Method Get -Path '/visit' -ScriptBlock {
        $secret = Get-PodeCookieSecret -Global
        Set-PodeCookie -Name 'visited' -Value 'yes' -Secret $secret
        Write-PodeJsonResponse -Value @{ session = ((Get-PodeSessionId -Force) -match '^[a-z0-5]{8}\.[a-z0-5]{3}$') }
    }

    Add-PodeRoute -Method Get -Path '/check' -ScriptBlock {
        $secret = Get-PodeCookieSecret -Global
        Write-PodeJsonResponse -Value @{
            visited = (Get-PodeCookie -Name 'visited' -Secret $secret).Value
        }
    }

    Add-PodeRoute -Method Get -Path '/status' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            restarts = (Get-PodeServerRestartCount)
            running  = ((Get-PodeServerUptime) -ge 0)
            rooted   = (Test-Path -Path "$($PodeContext.Server.Root)/server.ps1")
        }
    }
}
