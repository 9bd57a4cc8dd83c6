Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'attempts' -Value 0 | Out-Null

    # fails twice, then works: tried again by itself
    Add-PodeTask -Name 'flaky' -MaxRetries 3 -AutoRetry -ScriptBlock {
        Lock-PodeObject -ScriptBlock {
            $state:attempts = $TaskEvent.Count + 1
        }

        if ($TaskEvent.Count -lt 2) {
            throw "not yet (attempt $($TaskEvent.Count))"
        }

        'flaky task done' | Out-Default
    }

    Add-PodeTask -Name 'slow' -ScriptBlock {
        param($ms)
        Start-Sleep -Milliseconds $ms
        return $ms
    }

    # one task at a time
    Set-PodeTaskConcurrency -Maximum 1

    # start the flaky task and come back later
    Add-PodeRoute -Method Post -Path '/api/flaky' -ScriptBlock {
        Invoke-PodeTask -Name 'flaky' | Out-Null
        Write-PodeJsonResponse -Value @{ Started = $true }
    }

    Add-PodeRoute -Method Get -Path '/api/flaky' -ScriptBlock {
        Start-Sleep -Seconds 1
        Write-PodeJsonResponse -Value @{ Attempts = $state:attempts }
    }

    # two runs of 300ms: with one at a time they take turns
    Add-PodeRoute -Method Get -Path '/api/slow' -ScriptBlock {
        $first = Invoke-PodeTask -Name 'slow' -ArgumentList @{ ms = 300 }
        $second = Invoke-PodeTask -Name 'slow' -ArgumentList @{ ms = 300 }
        $start = [datetime]::Now
        $null = $first | Wait-PodeTask
        $null = $second | Wait-PodeTask
        $took = ([datetime]::Now - $start).TotalMilliseconds
        Write-PodeJsonResponse -Value @{ InTurn = ($took -ge 550) }
    }
}
