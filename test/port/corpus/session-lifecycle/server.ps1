Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Enable-PodeSessionMiddleware -Duration 300 `
        -Extend `
        -Name 'corpus.sid'

    # a hand-rolled sign-in that keeps the user in the session
    Add-PodeRoute -Method Post -Path '/signin' -ScriptBlock {
        $name = $WebEvent.Data['name']
        if ([string]::IsNullOrWhiteSpace($name)) {
            Set-PodeResponseStatus -Code 400
            return
        }

        $WebEvent.Session.Data.User = @{ Name = $name; Since = (Get-Date -Format 'yyyy-MM-dd') }
        Save-PodeSession -Force
        Write-PodeJsonResponse -Value @{ SignedIn = $name }
    }

    Add-PodeRoute -Method Get -Path '/me' `
        -ScriptBlock {
        $user = $WebEvent.Session.Data.User
        if ($null -eq $user) {
            Write-PodeJsonResponse -StatusCode 401 -Value @{ Error = 'not signed in' }
            return
        }

        Write-PodeJsonResponse -Value @{
            Name        = $user.Name
            HasId       = ![string]::IsNullOrEmpty((Get-PodeSessionId -Force))
            ExpiresLater = (Get-PodeSessionExpiry) -gt [datetime]::UtcNow
        }
    }

    Add-PodeRoute -Method Post -Path '/signout' -ScriptBlock {
        Remove-PodeSession
        Write-PodeJsonResponse -Value @{ SignedOut = $true }
    }
}
