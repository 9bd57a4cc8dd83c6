Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Admins' -Sessionless -ScriptBlock {
        param($username, $password)
        if ($username -eq 'rick' -and $password -eq 'pickle') {
            return @{ User = @{ Name = 'Rick' } }
        }
        return $null
    }

    # every API route says which version answered
    $versionHeader = {
        Set-PodeHeader -Name 'X-Api-Version' -Value '1'
        return $true
    }

    Add-PodeRouteGroup -Path '/api' -Middleware $versionHeader -Routes {
        Add-PodeRoute -Method Get -Path '/ping' -ScriptBlock {
            Write-PodeTextResponse -Value 'pong'
        }

        # nested: /api/admin/*, behind basic authentication
        Add-PodeRouteGroup -Path '/admin' -Authentication 'Admins' -Routes {
            Add-PodeRoute -Method Get -Path '/whoami' -ScriptBlock {
                $user = $WebEvent.Auth.User
                Write-PodeJsonResponse -Value @{ Name = $user.Name }
            }
        }
    }

    Add-PodeStaticRouteGroup -Path '/assets' -Source './content' -Routes {
        Add-PodeStaticRoute -Path '/images' -Source '/images'
    }
}
