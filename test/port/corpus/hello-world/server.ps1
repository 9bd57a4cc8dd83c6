Import-Module Pode

# The smallest useful Pode server: a JSON greeting, a text health check and a path parameter.
Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ 'message' = 'Hello, world!' }
    }

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeTextResponse -Value 'OK'
    }

    Add-PodeRoute -Method Get -Path '/hello/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        Write-PodeTextResponse -Value "Hello, $name!"
    }
}
