Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    $secret = 'corpus-cookie-secret'

    # a signed "remember me" cookie
    Add-PodeRoute -Method Post -Path '/remember' -ScriptBlock {
        $name = $WebEvent.Data.name
        Set-PodeCookie -Name 'remember' -Value $name -Secret $using:secret -Duration 86400
        Write-PodeJsonResponse -Value @{ Remembered = $name }
    }

    Add-PodeRoute -Method Get -Path '/whoami' -ScriptBlock {
        $value = Get-PodeCookieValue -Name 'remember' -Secret $using:secret
        if ([string]::IsNullOrEmpty($value)) {
            Write-PodeJsonResponse -StatusCode 404 -Value @{ Error = 'Nobody remembered' }
            return
        }
        Write-PodeJsonResponse -Value @{ Name = $value; Signed = (Test-PodeCookieSigned -Name 'remember' -Secret $using:secret) }
    }
}
