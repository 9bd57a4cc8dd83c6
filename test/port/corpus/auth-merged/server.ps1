Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8087 -Protocol Http

    # machines send an API key, people send Basic credentials
    New-PodeAuthScheme -ApiKey | Add-PodeAuth -Name 'Key' -Sessionless -ScriptBlock {
        param($key)

        if ($key -ceq 'key-ci-robot') {
            return @{ User = @{ Name = 'ci-robot'; Kind = 'machine' } }
        }

        return @{ Message = 'Unknown API key' }
    }

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Login' -Sessionless -ScriptBlock {
        param($username, $password)

        if (($username -eq 'summer') -and ($password -ceq 'phone')) {
            return @{ User = @{ Name = 'summer'; Kind = 'person' } }
        }

        return $null
    }

    # either one will do; both at once for releases, keeping the person as the user
    Merge-PodeAuth -Name 'KeyOrLogin' -Authentication Key, Login -Valid One
    Merge-PodeAuth -Name 'KeyAndLogin' -Authentication Key, Login -Valid All -MergeDefault Login

    # everything under /api needs one of them
    Add-PodeAuthMiddleware -Name 'ApiAuth' -Authentication 'KeyOrLogin' -Route '/api/*'

    Add-PodeRoute -Method Get -Path '/api/whoami' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ Name = $user.Name; Kind = $user.Kind }
    }

    Add-PodeRoute -Method Post -Path '/release' -Authentication 'KeyAndLogin' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ ReleasedBy = $user.Name }
    }

    Add-PodeRoute -Method Get -Path '/status' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Up = $true }
    }
}
