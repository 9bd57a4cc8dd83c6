Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8081 -Protocol Http

    # sessionless Basic authentication for a REST API
    New-PodeAuthScheme -Basic -Realm 'Pode Example' | Add-PodeAuth -Name 'Validate' -Sessionless -ScriptBlock {
        param($username, $password)

        $users = @{
            morty = @{ Password = 'pickle'; Name = 'Morty'; Roles = @('user') }
            rick  = @{ Password = 'portal'; Name = 'Rick'; Roles = @('user', 'admin') }
        }

        $found = $users[$username]
        if (($null -ne $found) -and ($found.Password -ceq $password)) {
            return @{ User = @{ Username = $username; Name = $found.Name; Roles = $found.Roles } }
        }

        return $null
    }

    Add-PodeRoute -Method Get -Path '/api/me' -Authentication 'Validate' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ Name = $user.Name; Admin = ($user.Roles -contains 'admin') }
    }

    Add-PodeRoute -Method Get -Path '/api/public' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Public = $true }
    }
}
