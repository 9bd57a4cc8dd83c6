Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # block requests from bots
    Add-PodeMiddleware -Name 'BlockBots' -ScriptBlock {
        if ($WebEvent.Request.UserAgent -ilike '*bot*') {
            Set-PodeResponseStatus -Code 403
            return $false
        }
        return $true
    }

    # only the /api routes need a version header
    Add-PodeMiddleware -Name 'ApiVersion' -Route '/api/*' -ScriptBlock {
        $version = $WebEvent.Request.Headers['X-Api-Version']
        if ([string]::IsNullOrEmpty($version)) {
            Write-PodeJsonResponse -StatusCode 400 -Value @{ Error = 'X-Api-Version header required' }
            return $false
        }

        Set-PodeHeader -Name 'X-Api-Version' -Value $version
        return $true
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeTextResponse -Value 'home'
    }

    Add-PodeRoute -Method Get -Path '/api/status' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Status = 'green' }
    }
}
