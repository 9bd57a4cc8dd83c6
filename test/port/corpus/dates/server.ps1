Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/today' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            Date = Get-Date -Format 'yyyy-MM-dd'
            Year = (Get-Date).Year
        }
    }

    Add-PodeRoute -Method Get -Path '/days-until' -ScriptBlock {
        $from = [DateTime]::Parse($WebEvent.Query['from'])
        $to = [datetime]$WebEvent.Query['to']
        $span = $to - $from
        Write-PodeJsonResponse -Value @{
            Days    = $span.Days
            From    = $from.ToString('dd MMM yyyy')
            Weekday = $to.DayOfWeek.ToString()
        }
    }

    Add-PodeRoute -Method Get -Path '/add-days' -ScriptBlock {
        $start = Get-Date -Date '2024-02-27'
        $days = [int]$WebEvent.Query['n']
        $end = $start.AddDays($days)
        Write-PodeTextResponse -Value (Get-Date -Date $end -Format 'yyyy-MM-dd')
    }

    Add-PodeRoute -Method Get -Path '/is-weekend' -ScriptBlock {
        $date = [datetime]::ParseExact($WebEvent.Query['d'], 'yyyyMMdd', $null)
        $weekend = $date.DayOfWeek -in @('Saturday', 'Sunday')
        Write-PodeJsonResponse -Value @{ Date = $date.ToString('yyyy-MM-dd'); Weekend = $weekend }
    }
}
