Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # a custom scheme: the client id and secret travel in two headers
    $scheme = New-PodeAuthScheme -Custom -ScriptBlock {
        param($opts)

        $client = $WebEvent.Request.Headers['X-Client-Id']
        $secret = $WebEvent.Request.Headers['X-Client-Secret']

        return @($client, $secret)
    }

    $scheme | Add-PodeAuth -Name 'ClientAuth' -Sessionless -ScriptBlock {
        param($client, $secret)

        if ([string]::IsNullOrWhiteSpace($client) -or [string]::IsNullOrWhiteSpace($secret)) {
            return $null
        }

        if ($client -eq 'reports' -and $secret -eq 's3cr3t') {
            return @{ User = @{ Client = $client; Scopes = @('read', 'export') } }
        }

        return @{ Message = 'Bad client credentials'; Code = 403 }
    }

    Add-PodeRoute -Method Get -Path '/reports' -Authentication 'ClientAuth' -ScriptBlock {
        $user = $WebEvent.Auth.User
        Write-PodeJsonResponse -Value @{
            Client = $user.Client
            CanExport = $user.Scopes -contains 'export'
            Reports = @('daily', 'weekly')
        }
    }
}
