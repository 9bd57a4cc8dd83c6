Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8081 -Protocol Http

    # a read-only catalogue shared with the routes through $using:
    $products = @(
        @{ Id = 1; Name = 'Keyboard'; Price = 49.99; Tags = @('input', 'usb') }
        @{ Id = 2; Name = 'Mouse'; Price = 19.5; Tags = @('input') }
        @{ Id = 3; Name = 'Monitor'; Price = 189; Tags = @('display') }
    )

    Add-PodeRoute -Method Get -Path '/api/products' -ScriptBlock {
        $all = $using:products
        Write-PodeJsonResponse -Value @{ Count = $all.Count; Items = @($all | ForEach-Object { $_.Name }) }
    }

    Add-PodeRoute -Method Get -Path '/api/products/:id' -ScriptBlock {
        $id = [int]$WebEvent.Parameters['id']
        $product = $using:products | Where-Object { $_.Id -eq $id }

        if ($null -eq $product) {
            Write-PodeJsonResponse -StatusCode 404 -Value @{ Error = "Product $id not found" }
            return
        }

        Write-PodeJsonResponse -Value $product
    }

    Add-PodeRoute -Method Post -Path '/api/products' -ContentType 'application/json' -ScriptBlock {
        $body = $WebEvent.Data
        if ([string]::IsNullOrWhiteSpace($body.Name)) {
            Write-PodeJsonResponse -StatusCode 400 -Value @{ Error = 'Name is required' }
            return
        }

        $product = @{
            Id    = 4
            Name  = $body.Name
            Price = [double]$body.Price
        }
        Write-PodeJsonResponse -StatusCode 201 -Value $product
    }
}
