Import-Module Pode

Start-PodeServer {
    # two sites on one address and port, told apart by the Host header
    Add-PodeEndpoint -Address 127.0.0.1 -Port 8080 -Hostname shop.example.com -Protocol Http -Name Shop
    Add-PodeEndpoint -Address 127.0.0.1 -Port 8080 -Hostname admin.example.com -Protocol Http -Name Admin

    Add-PodeRoute -Method Get -Path '/' -EndpointName Shop -ScriptBlock {
        Write-PodeTextResponse -Value 'shop front'
    }

    Add-PodeRoute -Method Get -Path '/' -EndpointName Admin -ScriptBlock {
        Write-PodeTextResponse -Value 'admin console'
    }

    # answered on both sites
    Add-PodeRoute -Method Get -Path '/whoami' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ endpoint = $WebEvent.Endpoint.Name }
    }
}
