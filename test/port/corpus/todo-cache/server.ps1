Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # the price list is slow to build: keep it in Pode's cache for a minute
    Add-PodeRoute -Method Get -Path '/prices' -ScriptBlock {
        $prices = Get-PodeCache -Key 'prices'
        if ($null -eq $prices) {
            $prices = @{ Apple = 1; Pear = 2 }
            Set-PodeCache -Key 'prices' -InputObject $prices -Ttl 60
        }
        Write-PodeJsonResponse -Value $prices
    }

    Add-PodeRoute -Method Get -Path '/ping' -ScriptBlock {
        Write-PodeTextResponse -Value 'pong'
    }
}
