Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # cron expressions from the helper rather than by hand
    $everyOtherMinute = New-PodeCron -Every Minute -Interval 2
    $crons = @{
        OtherMinute = $everyOtherMinute
        TueFri      = (New-PodeCron -Every Day -Day Tuesday, Friday -Hour 1)
        Fifteenth   = (New-PodeCron -Every Month -Date 15)
        OtherDay    = (New-PodeCron -Every Date -Interval 2 -Date 2)
        June        = (New-PodeCron -Every Year -Month June)
        Hourly      = (New-PodeCron -Every Hour -Hour 1 -Interval 1)
        Early       = (New-PodeCron -Every Minute -Hour 1, 2, 3, 4, 5 -Interval 15)
        Mondays     = (New-PodeCron -Every Hour -Day Monday)
        Quarterly   = (New-PodeCron -Every Quarter)
    }
    Set-PodeState -Name 'crons' -Value $crons | Out-Null

    Add-PodeSchedule -Name 'every-other-minute' -Cron $everyOtherMinute -ScriptBlock {
        'tick' | Out-Default
    }

    # a batch of schedules, made in a loop
    1..3 | ForEach-Object {
        $id = $_
        Add-PodeSchedule -Name "batch_$($id)" -Cron (New-PodeCron -Every Day -Hour $id) -ArgumentList @{ ID = $id } -ScriptBlock {
            param($ID)
            "batch $($ID)" | Out-Default
        }
    }

    Set-PodeScheduleConcurrency -Maximum 5

    Add-PodeRoute -Method Get -Path '/api/crons' -ScriptBlock {
        Write-PodeJsonResponse -Value $state:crons
    }

    Add-PodeRoute -Method Get -Path '/api/schedules/:name' -ScriptBlock {
        $schedule = Get-PodeSchedule -Name $WebEvent.Parameters['name']
        Write-PodeJsonResponse -Value @{ Name = $schedule.Name; Cron = @($schedule.Crons)[0] }
    }
}
