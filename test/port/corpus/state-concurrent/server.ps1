Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # thread-safe collections for the shared state, made once
    if ($null -eq ($basket = (Get-PodeState -Name 'basket'))) {
        $basket = Set-PodeState -Name 'basket' -Value (New-PodeStateDictionary) -Scope Shop
        $null = $basket.values = New-PodeStateList
    }

    if ($null -eq $state:seen) {
        $state:seen = (New-PodeStateDictionary)
        $state:seen.values = New-PodeStateList -Data @('start')
    }

    Add-PodeRoute -Method Post -Path '/api/basket/:item' -ScriptBlock {
        $basket = Get-PodeState -Name 'basket'
        $null = $basket.values.TryAdd($WebEvent.Parameters['item'])
        $null = $state:seen.values.TryAdd($WebEvent.Parameters['item'])
        Write-PodeJsonResponse -Value @{ Count = $basket.values.Count }
    }

    Add-PodeRoute -Method Get -Path '/api/basket' -ScriptBlock {
        Write-PodeJsonResponse -Value (Get-PodeState -Name 'basket')
    }

    Add-PodeRoute -Method Get -Path '/api/seen' -ScriptBlock {
        Write-PodeJsonResponse -Value $state:seen
    }

    # empty the basket: a new dictionary in its place
    Add-PodeRoute -Method Delete -Path '/api/basket' -ScriptBlock {
        $basket = Set-PodeState -Name 'basket' -Value (New-PodeStateDictionary) -Scope Shop
        $basket['values'] = New-PodeStateList
        Write-PodeJsonResponse -Value @{ Names = @(Get-PodeStateNames -Scope Shop) }
    }
}
