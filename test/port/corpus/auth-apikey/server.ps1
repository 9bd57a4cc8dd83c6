Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # API keys in a header for machines, in the query string for quick browser checks
    New-PodeAuthScheme -ApiKey -Location Header -LocationName 'X-API-KEY' | Add-PodeAuth -Name 'HeaderKey' -Sessionless -ScriptBlock {
        param($key)
        if ($key -ieq 'test-api-key') {
            return @{ User = @{ ID = 'M0R7Y302'; Name = 'Morty' } }
        }
        return $null
    }

    New-PodeAuthScheme -ApiKey -Location Query -LocationName 'api_key' | Add-PodeAuth -Name 'QueryKey' -Sessionless -ScriptBlock {
        param($key)
        if ($key -eq 'query-key') {
            return @{ User = @{ ID = 'QK'; Name = 'Query User' } }
        }
        return $null
    }

    Add-PodeRoute -Method Get -Path '/users' -Authentication 'HeaderKey' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            Users = @(
                @{ Name = 'Deep Thought'; Age = 42 },
                @{ Name = 'Leeroy Jenkins'; Age = 1337 }
            )
        }
    }

    Add-PodeRoute -Method Get -Path '/whoami' -Authentication 'QueryKey' -ScriptBlock {
        Write-PodeTextResponse -Value $WebEvent.Auth.User.Name
    }
}
