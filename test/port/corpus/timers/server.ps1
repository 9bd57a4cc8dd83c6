Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'ticks' -Value 0 | Out-Null
    Set-PodeState -Name 'pings' -Value 0 | Out-Null

    # counts every second
    Add-PodeTimer -Name 'counter' -Interval 1 -ScriptBlock {
        Lock-PodeObject -ScriptBlock {
            $state:ticks = $state:ticks + 1
        }
    }

    # only ever run by hand: the first run is an hour away
    Add-PodeTimer -Name 'manual' -Interval 3600 -ArgumentList 5 -ScriptBlock {
        param($amount)
        Lock-PodeObject -ScriptBlock {
            $state:pings += $amount
        }
    }

    # create a timer on demand: /api/timer?name=ping&seconds=5
    Add-PodeRoute -Method Get -Path '/api/timer' -ScriptBlock {
        $name = $WebEvent.Query['name']
        $seconds = [int]$WebEvent.Query['seconds']

        Add-PodeTimer -Name $name -Interval $seconds -ScriptBlock {
            # logic
            'tick' | Out-Default
        }

        Write-PodeJsonResponse -Value @{ Created = $name; Exists = (Test-PodeTimer -Name $name) }
    }

    Add-PodeRoute -Method Delete -Path '/api/timer/:name' -ScriptBlock {
        Remove-PodeTimer -Name $WebEvent.Parameters['name']
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeTimer -Name $WebEvent.Parameters['name']) }
    }

    # wait a little, then say how often the counter ran
    Add-PodeRoute -Method Get -Path '/api/ticks' -ScriptBlock {
        Start-Sleep -Seconds 3
        Write-PodeJsonResponse -Value @{ Ticks = $state:ticks }
    }

    Add-PodeRoute -Method Post -Path '/api/ping' -ScriptBlock {
        Invoke-PodeTimer -Name 'manual'
        Write-PodeJsonResponse -Value @{ Pings = $state:pings }
    }

    Add-PodeRoute -Method Get -Path '/api/ping' -ScriptBlock {
        Write-PodeTextResponse -Value 'pong'
    }
}
