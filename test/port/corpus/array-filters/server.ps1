Import-Module Pode

# comparison operators used on arrays filter them, as a stock report does
Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/stock' -ScriptBlock {
        $levels = @(3, 0, 12, 7, 0, 25)
        $low = $levels -lt 5
        $empty = $levels -eq 0
        $first = $levels | Where-Object { $_ -gt 10 } | Select-Object -First 1
        $none = $levels | Where-Object { $_ -gt 100 } | Select-Object -First 1

        Write-PodeJsonResponse -Value @{
            Low        = @($low)
            EmptyCount = $empty.Count
            FirstBig   = $first
            NoneIsNull = ($null -eq $none)
            HasZero    = ($levels -contains 0)
            Middle     = $levels[1..3]
            Last       = $levels[-1]
        }
    }

    Add-PodeRoute -Method Get -Path '/fruit' -ScriptBlock {
        $names = @('Apple', 'banana', 'CHERRY', 'date')
        $startsB = $names -like 'B*'
        $notA = $names -notmatch '^a'
        $upper = $names -cmatch '^[A-Z]+$'
        Write-PodeJsonResponse -Value @{
            StartsB = @($startsB)
            NotA    = @($notA)
            Upper   = @($upper)
            Pair    = $names[0, -1]
        }
    }

    Add-PodeRoute -Method Get -Path '/lookup/:colour' -ScriptBlock {
        $codes = @{ Red = '#f00'; Green = '#0f0' }
        $colour = $WebEvent.Parameters['colour']
        if ($codes.ContainsKey($colour)) {
            Write-PodeJsonResponse -Value @{ Known = $true; Method = $WebEvent.Method }
        }
        else {
            Write-PodeJsonResponse -StatusCode 404 -Value @{ Known = $false; Method = $WebEvent.Method }
        }
    }

    Add-PodeRoute -Method Get -Path '/version/:text' -ScriptBlock {
        $text = $WebEvent.Parameters['text']
        if ($text -notmatch '^v(?<major>\d+)\.(?<minor>\d+)$') {
            Write-PodeTextResponse -Value 'not a version' -StatusCode 400
            return
        }
        $major = [int]$Matches.major
        $minor = [int]$Matches['minor']
        Write-PodeJsonResponse -Value @{ Major = $major; Minor = $minor; Next = "v$($major + 1).0" }
    }
}
