Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8086 -Protocol Http

    # a real server would read this from a vault
    $secret = 'hush-it-is-a-secret-of-32-bytes!'

    # bearer tokens are HS256 JWTs: Pode checks the signature and expiry, the validator gets the payload
    New-PodeAuthScheme -Bearer -AsJWT -Secret $secret | Add-PodeAuth -Name 'Jwt' -Sessionless -ScriptBlock {
        param($payload)

        if ([string]::IsNullOrEmpty($payload.sub)) {
            return @{ Message = 'The token has no subject' }
        }

        return @{ User = @{ Id = $payload.sub; Name = $payload.name } }
    }

    Add-PodeRoute -Method Post -Path '/token' -ScriptBlock {
        $claims = @{ sub = $WebEvent.Data.username; name = $WebEvent.Data.name }
        $token = ConvertTo-PodeJwt -Header @{ alg = 'hs256'; typ = 'JWT' } -Payload $claims -Secret $using:secret
        Write-PodeJsonResponse -Value @{ Token = $token }
    }

    Add-PodeRoute -Method Get -Path '/me' -Authentication 'Jwt' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ Id = $user.Id; Name = $user.Name }
    }

    Add-PodeRoute -Method Post -Path '/inspect' -ScriptBlock {
        try {
            $payload = ConvertFrom-PodeJwt -Token $WebEvent.Data.token -Secret $using:secret
            Test-PodeJwt -Payload $payload
            Write-PodeJsonResponse -Value @{ Subject = $payload.sub }
        }
        catch {
            Write-PodeJsonResponse -Value @{ Error = 'The token is not valid' } -StatusCode 400
        }
    }
}
