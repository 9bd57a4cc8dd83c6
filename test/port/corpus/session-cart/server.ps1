Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http
    Enable-PodeSessionMiddleware -Duration 120 -Extend

    # the cart is an array of item names in the session, through the $session: scope
    Add-PodeRoute -Method Get -Path '/cart' -ScriptBlock {
        if ($null -eq $session:Cart) {
            $session:Cart = @()
        }
        Write-PodeJsonResponse -Value @{ Items = @($session:Cart); Count = @($session:Cart).Count }
    }

    Add-PodeRoute -Method Post -Path '/cart/:item' -ScriptBlock {
        $item = $WebEvent.Parameters['item']
        if ($null -eq $session:Cart) {
            $session:Cart = @()
        }

        if ($session:Cart -contains $item) {
            Write-PodeJsonResponse -StatusCode 409 -Value @{ Error = "$item is already in the cart" }
            return
        }

        $session:Cart += $item
        Write-PodeJsonResponse -StatusCode 201 -Value @{ Items = @($session:Cart); Count = @($session:Cart).Count }
    }

    Add-PodeRoute -Method Delete -Path '/cart/:item' -ScriptBlock {
        $item = $WebEvent.Parameters['item']
        $session:Cart = @($session:Cart | Where-Object { $_ -ne $item })
        Write-PodeJsonResponse -Value @{ Items = @($session:Cart); Count = @($session:Cart).Count }
    }
}
