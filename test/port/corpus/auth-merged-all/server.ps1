Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8088 -Protocol Http

    # the build robot sends its key; the person on duty signs in with Basic
    New-PodeAuthScheme -ApiKey | Add-PodeAuth -Name 'Robot' -Sessionless -ScriptBlock {
        param($key)

        if ($key -ceq 'key-deploy-bot') {
            return @{ User = @{ Name = 'deploy-bot'; Team = 'platform' } }
        }

        return @{ Message = 'Unknown API key' }
    }

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'OnDuty' -Sessionless -ScriptBlock {
        param($username, $password)

        if (($username -eq 'ravi') -and ($password -ceq 'lantern')) {
            return @{ User = @{ Name = 'ravi'; Team = 'payments' } }
        }

        return $null
    }

    # a deploy needs both: the merged user names the person and the robot acting for them
    Merge-PodeAuth -Name 'RobotAndPerson' -Authentication Robot, OnDuty -Valid All -ScriptBlock {
        param($results)

        $person = $results.OnDuty.User
        $robot = $results['Robot'].User

        return @{
            User = @{
                Name  = $person.Name
                Via   = $robot.Name
                Teams = @($person.Team, $robot.Team)
            }
        }
    }

    Add-PodeRoute -Method Post -Path '/deploy' -Authentication 'RobotAndPerson' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeJsonResponse -Value @{ DeployedBy = $user.Name; Via = $user.Via; Teams = $user.Teams }
    }

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Healthy = $true }
    }
}
