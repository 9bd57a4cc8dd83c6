Import-Module Pode

# a view counter kept in the session
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Enable-PodeSessionMiddleware -Duration 120 -Extend

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        $WebEvent.Session.Data.Views++
        Write-PodeJsonResponse -Value @{ Views = $WebEvent.Session.Data.Views }
    }

    Add-PodeRoute -Method Post -Path '/reset' -ScriptBlock {
        $WebEvent.Session.Data.Views = 0
        Write-PodeJsonResponse -Value @{ Views = $WebEvent.Session.Data.Views }
    }
}
