Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    $orders = @(
        @{ Id = 1; Customer = 'acme'; Total = 10.5; Status = 'paid' }
        @{ Id = 2; Customer = 'acme'; Total = 4.5; Status = 'open' }
        @{ Id = 3; Customer = 'globex'; Total = 20; Status = 'paid' }
        @{ Id = 4; Customer = 'initech'; Total = 7; Status = 'paid' }
        @{ Id = 5; Customer = 'globex'; Total = 3; Status = 'open' }
    )

    Add-PodeRoute -Method Get -Path '/stats' -ScriptBlock {
        $totals = $using:orders | ForEach-Object { $_.Total } | Measure-Object -Sum -Average -Maximum -Minimum
        Write-PodeJsonResponse -Value ([ordered]@{
                Count   = $totals.Count
                Sum     = $totals.Sum
                Average = [Math]::Round($totals.Average, 2)
                Max     = $totals.Maximum
                Min     = $totals.Minimum
            })
    }

    Add-PodeRoute -Method Get -Path '/by-customer' -ScriptBlock {
        $groups = $using:orders |
            ForEach-Object { [pscustomobject]$_ } |
            Group-Object -Property Customer |
            Sort-Object -Property Count, Name -Descending

        $result = foreach ($group in $groups) {
            [ordered]@{
                Customer = $group.Name
                Orders   = $group.Count
                Total    = ($group.Group | Measure-Object -Property Total -Sum).Sum
            }
        }

        Write-PodeJsonResponse -Value @($result)
    }

    Add-PodeRoute -Method Get -Path '/open-count' -ScriptBlock {
        $open = ($using:orders | Where-Object { $_.Status -eq 'open' } | Measure-Object).Count
        Write-PodeTextResponse -Value "$open open orders"
    }
}
