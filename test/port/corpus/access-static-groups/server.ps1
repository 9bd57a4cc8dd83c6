Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8086 -Protocol Http

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Staff' -Sessionless -ScriptBlock {
        param($username, $password)

        $staff = @{
            morty = @{ Roles = @('Developer'); Groups = @('Web') }
            rick  = @{ Roles = @('Developer', 'Admin'); Groups = @('Web', 'Ops') }
        }

        $found = $staff[$username]
        if (($null -eq $found) -or ($password -cne 'portal')) {
            return $null
        }

        return @{ User = @{ Username = $username; Roles = $found.Roles; Groups = $found.Groups } }
    }

    New-PodeAccessScheme -Type Role | Add-PodeAccess -Name 'Rbac'
    New-PodeAccessScheme -Type Group | Add-PodeAccess -Name 'Gbac'

    # quarterly reports: any developer may read them
    Add-PodeStaticRoute -Path '/reports' -Source './reports' -Authentication Staff -Access Rbac -Role Developer

    # runbooks for the operations team only
    Add-PodeStaticRouteGroup -Path '/internal' -Source './internal' -Authentication Staff -Access Gbac -Group Ops -Routes {
        Add-PodeStaticRoute -Path '/runbooks' -Source '/runbooks'
    }

    # the admin area: the group's access covers its routes and its static files
    Add-PodeRouteGroup -Path '/admin' -Authentication Staff -Access Rbac -Role Admin -Routes {
        Add-PodeRoute -Method Get -Path '/whoami' -ScriptBlock {
            $user = Get-PodeAuthUser
            Write-PodeJsonResponse -Value @{ Name = $user.Username }
        }

        Add-PodeStaticRoute -Path '/exports' -Source './reports'
    }
}
