Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # every method on one path
    Add-PodeRoute -Method * -Path '/any' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Method = $WebEvent.Method.ToUpperInvariant() }
    }

    Add-PodeRoute -Method Put, Patch -Path '/items/:id' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Updated = $WebEvent.Parameters['id']; With = $WebEvent.Data.name }
    }

    Add-PodeRoute -Method Delete -Path '/items/:id' -ScriptBlock {
        Set-PodeResponseStatus -Code 204
    }

    Add-PodeRoute -Method Get -Path '/teapot' -ScriptBlock {
        Set-PodeResponseStatus -Code 418 -Description "I'm a teapot" -NoErrorPage
    }

    Add-PodeRoute -Method Get -Path '/created' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Id = 'abc' } -StatusCode 201
    }

    Add-PodeRoute -Method Get -Path '/gone' -ScriptBlock {
        Set-PodeResponseStatus -Code 410
    }
}
