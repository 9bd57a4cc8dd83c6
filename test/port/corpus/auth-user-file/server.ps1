Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # the authentication definitions live in ./auth
    Use-PodeAuth

    Add-PodeRoute -Method Get -Path '/staff/me' -Authentication 'Staff' -ScriptBlock {
        Write-PodeJsonResponse -Value $WebEvent.Auth.User
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeTextResponse -Value 'public'
    }
}
