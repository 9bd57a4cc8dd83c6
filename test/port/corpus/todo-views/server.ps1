Import-Module Pode

# pages come from ./views through Pode's view engine (plain HTML by default);
# the JSON API next to them needs nothing special
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index'
    }

    Add-PodeRoute -Method Get -Path '/api/info' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = 'views demo'; Pages = @('index') }
    }
}
