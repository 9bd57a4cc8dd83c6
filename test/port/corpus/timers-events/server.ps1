Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'seen' -Value @{ Count = 0 } | Out-Null
    Set-PodeState -Name 'beats' -Value 0 | Out-Null
    Set-PodeState -Name 'imported' -Value 0 | Out-Null

    # what the timer knows about itself, from its event
    Add-PodeTimer -Name 'observer' -Interval 1 -Limit 2 -ScriptBlock {
        $TimerEvent.Metadata['Note'] = 'mine'
        Lock-PodeObject -ScriptBlock {
            $state:seen = @{
                Count    = $TimerEvent.Count
                Interval = $TimerEvent.Sender.Interval
                Limit    = $TimerEvent.Sender.Limit
                # the last run (Limit 2) has no next trigger
                HasNext  = ($null -ne $TimerEvent.Sender.NextTriggerTime)
                Note     = $TimerEvent.Metadata['Note']
            }
        }
    }

    # the timer's logic lives in a file of its own
    Add-PodeTimer -Name 'heartbeat' -Interval 1 -FilePath './scripts/heartbeat.ps1'

    Add-PodeRoute -Method Get -Path '/api/seen' -ScriptBlock {
        Start-Sleep -Seconds 3
        Write-PodeJsonResponse -Value $state:seen
    }

    Add-PodeRoute -Method Get -Path '/api/beats' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Beats = $state:beats; Imported = $state:imported }
    }

    Add-PodeRoute -Method Get -Path '/api/timers' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            Observer  = (Test-PodeTimer -Name 'observer')
            Heartbeat = (Test-PodeTimer -Name 'heartbeat')
            Imported  = (Test-PodeTimer -Name 'from-folder')
        }
    }

    # which request thread answers
    Add-PodeRoute -Method Get -Path '/api/thread' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Thread = $ThreadId }
    }

    # every script in ./timers
    Use-PodeTimers
}
