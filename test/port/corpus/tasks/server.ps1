Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeTask -Name 'Add' -ScriptBlock {
        param($Value1, $Value2)
        return ($Value1 + $Value2)
    }

    Add-PodeTask -Name 'Slow' -ScriptBlock {
        Start-Sleep -Seconds 3
        return 'done'
    }

    # invoke, then wait for the result
    Add-PodeRoute -Method Get -Path '/add' -ScriptBlock {
        $a = [int]$WebEvent.Query['a']
        $b = [int]$WebEvent.Query['b']
        $result = Invoke-PodeTask -Name 'Add' -ArgumentList @{ Value1 = $a; Value2 = $b } | Wait-PodeTask
        Write-PodeJsonResponse -Value @{ Result = $result }
    }

    # invoke and wait in one go
    Add-PodeRoute -Method Get -Path '/add-wait' -ScriptBlock {
        $result = Invoke-PodeTask -Name 'Add' -ArgumentList @{ Value1 = 40; Value2 = 2 } -Wait
        Write-PodeJsonResponse -Value @{ Result = $result }
    }

    # waiting less than the task takes fails the request
    Add-PodeRoute -Method Get -Path '/slow' -ScriptBlock {
        $task = Invoke-PodeTask -Name 'Slow'
        $result = Wait-PodeTask -Task $task -Timeout 1
        Write-PodeJsonResponse -Value @{ Result = $result }
    }

    Add-PodeRoute -Method Get -Path '/ok' -ScriptBlock {
        Write-PodeTextResponse -Value 'ok'
    }
}
