Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # CSRF tokens live in the session
    Enable-PodeSessionMiddleware -Duration 120
    Enable-PodeCsrfMiddleware

    # GET is ignored by the CSRF check: render the form with a token
    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        $token = New-PodeCsrfToken
        Write-PodeHtmlResponse -Value "<form method='post' action='/comment'><input type='hidden' name='pode.csrf' value='$token' /><input name='text' /></form>"
    }

    Add-PodeRoute -Method Get -Path '/token' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Token = (New-PodeCsrfToken) }
    }

    # POST needs the token, or the middleware answers 403
    Add-PodeRoute -Method Post -Path '/comment' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Saved = $WebEvent.Data['text'] }
    }
}
