Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeTask -Name 'Square' -ScriptBlock {
        param($Number)
        return ($Number * $Number)
    }

    Add-PodeRoute -Method Get -Path '/square/:n' -ScriptBlock {
        $n = [int]$WebEvent.Parameters['n']
        $result = Invoke-PodeTask -Name 'Square' -ArgumentList @{ Number = $n } -Wait
        Write-PodeJsonResponse -Value @{ Result = $result }
    }

    # Pode's view of the task runs: pode-ts keeps no such list
    Add-PodeRoute -Method Get -Path '/processes' -ScriptBlock {
        $processes = Get-PodeTaskProcess -Name 'Square'
        Write-PodeJsonResponse -Value @{ Count = @($processes).Length }
    }
}
