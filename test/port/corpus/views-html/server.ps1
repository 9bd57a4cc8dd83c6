Import-Module Pode

# pages come from ./views through Pode's view engine (plain HTML by default);
# the JSON API next to them needs nothing special
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeViewEngine -Type Html

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index'
    }

    # pages from a second folder, and a status of our own
    Add-PodeViewFolder -Name 'legal' -Source './legal'

    Add-PodeRoute -Method Get -Path '/terms' -ScriptBlock {
        Write-PodeViewResponse -Path 'terms' -Folder 'legal'
    }

    Add-PodeRoute -Method Get -Path '/gone' -ScriptBlock {
        Write-PodeViewResponse -Path 'index.html' -StatusCode 410
    }

    Add-PodeRoute -Method Get -Path '/api/info' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = 'views demo'; Pages = @('index') }
    }
}
