Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8085 -Protocol Http

    # who may do what: roles and groups live on the user object the validator returns
    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Staff' -Sessionless -ScriptBlock {
        param($username, $password)

        $staff = @{
            morty = @{ Roles = @('Developer'); Country = 'UK'; Teams = @('Web') }
            rick  = @{ Roles = @('Developer', 'Admin'); Country = 'US'; Teams = @('Web', 'Ops') }
        }

        $found = $staff[$username]
        if (($null -eq $found) -or ($password -cne 'portal')) {
            return $null
        }

        return @{ User = @{ Username = $username; Roles = $found.Roles; Metadata = @{ Teams = $found.Teams } } }
    }

    New-PodeAccessScheme -Type Role | Add-PodeAccess -Name 'Rbac'
    New-PodeAccessScheme -Type Group -Path 'Metadata.Teams' | Add-PodeAccess -Name 'Teams' -Match All
    New-PodeAccessScheme -Type User | Add-PodeAccess -Name 'People'
    Merge-PodeAccess -Name 'AdminOrMorty' -Access Rbac, People -Valid One

    Add-PodeRoute -Method Get -Path '/code' -Authentication Staff -Access Rbac -Role Developer -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ Repo = 'pode-ts'; By = $user.Username }
    }

    Add-PodeRoute -Method Get -Path '/deploy' -Authentication Staff -Access Rbac -Role Admin -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Deployed = $true }
    }

    Add-PodeRoute -Method Get -Path '/on-call' -Authentication Staff -Access Teams -Group Web, Ops -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ OnCall = $user.Username }
    }

    Add-PodeRoute -Method Get -Path '/shared' -Authentication Staff -Access AdminOrMorty -Role Admin -User morty -ScriptBlock {
        $isAdmin = Test-PodeAccessUser -Name 'Rbac' -Value 'Admin'
        Write-PodeJsonResponse -Value @{ Admin = $isAdmin }
    }
}
