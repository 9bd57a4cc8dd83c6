# An orders API for one web shop's front end: CORS for the shop's origin with a global OPTIONS
# route, partners' networks denied by the proxy's X-Forwarded-For, and a few security headers.
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8091 -Protocol Http

    $allowed = @('Content-Type', 'Authorization')
    Set-PodeSecurityAccessControl -Origin 'https://shop.example.com' -Methods Get, Post, Delete -Headers $allowed -Duration 600 -Credentials -WithOptions

    Add-PodeLimitAccessRule -Name 'blocked-networks' -Action Deny -Component @(
        New-PodeLimitIPComponent -IP '203.0.113.0/24', '2001:db8::/32' -Location XForwardedFor
    )

    Set-PodeSecurityContentTypeOptions
    Set-PodeSecurityFrameOptions -Type Deny
    Set-PodeSecurityReferrerPolicy -Type No-Referrer

    $orders = @(
        @{ Id = 1; Item = 'Tea' },
        @{ Id = 2; Item = 'Coffee' }
    )

    Add-PodeRoute -Method Get -Path '/api/orders' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Orders = $using:orders }
    }

    Add-PodeRoute -Method Post -Path '/api/orders' -ScriptBlock {
        Write-PodeJsonResponse -StatusCode 201 -Value @{ Id = 3; Item = $WebEvent.Data.Item }
    }

    Add-PodeRoute -Method Delete -Path '/api/orders/:id' -ScriptBlock {
        Set-PodeResponseStatus -Code 204
    }
}
