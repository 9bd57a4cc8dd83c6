Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8090 -Protocol Http

    # an internal service that trusts unsigned tokens from the gateway in front of it
    New-PodeAuthScheme -ApiKey -AsJWT | Add-PodeAuth -Name 'GatewayJwt' -Sessionless -ScriptBlock {
        param($jwt)

        if ($jwt.username -ieq 'morty') {
            return @{ User = @{ ID = 'M0R7Y302'; Name = 'Morty' } }
        }

        return $null
    }

    # a public service that only trusts tokens signed with its secret
    New-PodeAuthScheme -ApiKey -AsJWT -Secret 'secret' | Add-PodeAuth -Name 'SignedJwt' -Sessionless -ScriptBlock {
        param($jwt)

        if ($jwt.username -ieq 'morty') {
            return @{ User = @{ ID = 'M0R7Y302'; Name = 'Morty' } }
        }

        return $null
    }

    Add-PodeRoute -Method Get -Path '/internal' -Authentication 'GatewayJwt' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Result = 'OK' }
    }

    Add-PodeRoute -Method Get -Path '/public' -Authentication 'SignedJwt' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Result = 'OK' }
    }
}
