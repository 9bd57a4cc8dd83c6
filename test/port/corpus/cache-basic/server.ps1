Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # keys live for two minutes unless a call says otherwise
    Set-PodeCacheDefaultTtl -Value 120

    # a second storage, kept in shared state: routes pick it with -Storage
    Set-PodeState -Name 'sideStore' -Value @{} | Out-Null
    $sideStorage = @{
        Get    = {
            param($key, $metadata)
            $store = Get-PodeState -Name 'sideStore'
            return $store[$key]
        }
        Set    = {
            param($key, $value, $ttl)
            $store = Get-PodeState -Name 'sideStore'
            $store[$key] = "$($value) (for $($ttl)s)"
        }
        Remove = {
            param($key)
            $store = Get-PodeState -Name 'sideStore'
            $store.Remove($key)
        }
        Test   = {
            param($key)
            $store = Get-PodeState -Name 'sideStore'
            return $store.ContainsKey($key)
        }
        Clear  = {}
    }
    Add-PodeCacheStorage -Name 'side' @sideStorage

    # warm the cache while the server starts
    $cache:greeting = 'hello'

    # the price list is slow to build: keep it in the cache for a minute
    Add-PodeRoute -Method Get -Path '/prices' -ScriptBlock {
        $cached = Test-PodeCache -Key 'prices'
        $prices = Get-PodeCache -Key 'prices'
        if ($null -eq $prices) {
            $prices = @{ Apple = 1; Pear = 2 }
            Set-PodeCache -Key 'prices' -InputObject $prices -Ttl 60
        }
        Write-PodeJsonResponse -Value @{ Prices = $prices; Cached = $cached }
    }

    Add-PodeRoute -Method Get -Path '/greeting' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Greeting = $cache:greeting; Ttl = (Get-PodeCacheDefaultTtl) }
    }

    Add-PodeRoute -Method Post -Path '/greeting' -ScriptBlock {
        $cache:greeting = $WebEvent.Data.greeting
        Write-PodeJsonResponse -Value @{ Greeting = $cache:greeting }
    }

    Add-PodeRoute -Method Get -Path '/hits' -ScriptBlock {
        $cache:hits++
        Write-PodeJsonResponse -Value @{ Hits = $cache:hits }
    }

    # a key set for one second is gone a moment later
    Add-PodeRoute -Method Get -Path '/expiry' -ScriptBlock {
        Set-PodeCache -Key 'short' -InputObject 'soon gone' -Ttl 1
        $before = Test-PodeCache -Key 'short'
        Start-Sleep -Milliseconds 1200
        $after = Test-PodeCache -Key 'short'
        Write-PodeJsonResponse -Value @{ Before = $before; After = $after; Value = (Get-PodeCache -Key 'short') }
    }

    Add-PodeRoute -Method Put -Path '/side/:key' -ScriptBlock {
        Set-PodeCache -Key $WebEvent.Parameters['key'] -InputObject $WebEvent.Data.value -Storage 'side'
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeCache -Key $WebEvent.Parameters['key'] -Storage 'side') }
    }

    Add-PodeRoute -Method Get -Path '/side/:key' -ScriptBlock {
        $value = Get-PodeCache -Key $WebEvent.Parameters['key'] -Storage 'side'
        Write-PodeJsonResponse -Value @{ Value = $value; InMemory = (Test-PodeCache -Key $WebEvent.Parameters['key']) }
    }

    Add-PodeRoute -Method Delete -Path '/side/:key' -ScriptBlock {
        Remove-PodeCache -Key $WebEvent.Parameters['key'] -Storage 'side'
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeCache -Key $WebEvent.Parameters['key'] -Storage 'side') }
    }

    Add-PodeRoute -Method Delete -Path '/cache' -ScriptBlock {
        Clear-PodeCache
        Write-PodeJsonResponse -Value @{ Prices = (Test-PodeCache -Key 'prices'); Greeting = (Test-PodeCache -Key 'greeting') }
    }

    Add-PodeRoute -Method Get -Path '/ping' -ScriptBlock {
        Write-PodeTextResponse -Value 'pong'
    }
}
