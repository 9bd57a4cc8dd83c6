Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'runs' -Value @() | Out-Null

    # runs once as the server starts, then every day at 02:30
    Add-PodeSchedule -Name 'cleanup' -Cron '30 2 * * *' -OnStart -ArgumentList @{ Reason = 'start' } -ScriptBlock {
        param($Event, $Reason)
        Lock-PodeObject -ScriptBlock {
            $state:runs += $Reason
        }
    }

    # Pode's own shortcuts, and several expressions for one schedule
    Add-PodeSchedule -Name 'twice' -Cron '@twice-daily' -ScriptBlock {
        'twice a day' | Out-Default
    }
    Add-PodeSchedule -Name 'office' -Cron @('0 9 * * 1-5', '0 12 * * 6') -ScriptBlock {
        'office hours' | Out-Default
    }

    Add-PodeRoute -Method Post -Path '/schedules/cleanup' -ScriptBlock {
        Invoke-PodeSchedule -Name 'cleanup' -ArgumentList @{ Reason = 'manual' }
        Write-PodeJsonResponse -Value @{ Runs = $state:runs }
    }

    Add-PodeRoute -Method Get -Path '/schedules/:name/next' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        if (!(Test-PodeSchedule -Name $name)) {
            Set-PodeResponseStatus -Code 404
            return
        }

        $next = Get-PodeScheduleNextTrigger -Name $name
        Write-PodeJsonResponse -Value @{ Name = $name; MinuteSecond = $next.ToString('mm:ss') }
    }

    # the schedule as Pode describes it, read with Pode's key names
    Add-PodeRoute -Method Get -Path '/schedules/:name/info' -ScriptBlock {
        $schedule = Get-PodeSchedule -Name $WebEvent.Parameters['name']
        Write-PodeJsonResponse -Value @{
            Name = $schedule.Name
            Count = $schedule.Count
            Limit = $schedule.Limit
            Next = $schedule.NextTriggerTime.ToString('mm:ss')
            HasRun = ($null -ne $schedule.LastTriggerTime)
        }
    }

    Add-PodeRoute -Method Delete -Path '/schedules/:name' -ScriptBlock {
        Remove-PodeSchedule -Name $WebEvent.Parameters['name']
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeSchedule -Name $WebEvent.Parameters['name']) }
    }
}
