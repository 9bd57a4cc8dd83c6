Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    function Get-Employees {
        return @(
            [pscustomobject]@{ Name = 'Ada'; Team = 'core'; Salary = 120; Active = $true }
            [pscustomobject]@{ Name = 'Grace'; Team = 'core'; Salary = 140; Active = $true }
            [pscustomobject]@{ Name = 'Linus'; Team = 'kernel'; Salary = 100; Active = $false }
            [pscustomobject]@{ Name = 'Ken'; Team = 'kernel'; Salary = 110; Active = $true }
            [pscustomobject]@{ Name = 'Barbara'; Team = 'lang'; Salary = 130; Active = $true }
        )
    }

    # active employees, highest paid first
    Add-PodeRoute -Method Get -Path '/employees' -ScriptBlock {
        $people = Get-Employees |
            Where-Object { $_.Active } |
            Sort-Object -Property Salary -Descending |
            Select-Object -Property Name, Salary

        Write-PodeJsonResponse -Value @($people)
    }

    # the first N names, alphabetically
    Add-PodeRoute -Method Get -Path '/employees/names' -ScriptBlock {
        $take = 2
        if ($WebEvent.Query['take']) {
            $take = [int]$WebEvent.Query['take']
        }

        $names = Get-Employees | Sort-Object Name | Select-Object -First $take -ExpandProperty Name
        Write-PodeJsonResponse -Value @{ Names = @($names) }
    }

    # one team's members
    Add-PodeRoute -Method Get -Path '/teams/:team' -ScriptBlock {
        $team = $WebEvent.Parameters['team']
        $members = @(Get-Employees | Where-Object Team -eq $team | ForEach-Object { $_.Name })
        if ($members.Count -eq 0) {
            Set-PodeResponseStatus -Code 404
            return
        }
        Write-PodeJsonResponse -Value @{ Team = $team; Members = $members; Last = ($members | Select-Object -Last 1) }
    }
}
