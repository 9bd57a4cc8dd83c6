Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/profile' -ScriptBlock {
        $person = [ordered]@{
            'Name'      = 'Beth Smith'
            'job-title' = 'Surgeon'
            Skills      = @('horses', 'surgery')
            Address     = [pscustomobject]@{ City = 'Seattle'; Zip = '98101' }
            Empty       = @()
            Single      = @('only')
            Nothing     = $null
        }
        $person['Skills'] += 'wine'
        $person.Address.City = $person.Address.City.ToUpper()
        Write-PodeJsonResponse -Value $person
    }

    Add-PodeRoute -Method Get -Path '/matrix' -ScriptBlock {
        $grid = @(
            @(1, 2, 3),
            @(4, 5, 6)
        )
        $range = 1..4
        $reversed = 5..1
        $slice = $range[1..2]
        $last = $range[-1]
        Write-PodeJsonResponse -Value @{ Grid = $grid; Cell = $grid[1][2]; Range = $range; Down = $reversed; Slice = $slice; Last = $last; Length = $range.Length }
    }

    Add-PodeRoute -Method Get -Path '/hashtable' -ScriptBlock {
        $h = @{ b = 2; a = 1 }
        $h.c = 3
        $h['d'] = 4
        $h.Remove('b')
        $keys = $h.Keys | Sort-Object
        $merged = $h + @{ e = 5 }
        Write-PodeJsonResponse -Value @{
            Keys        = @($keys)
            HasA        = $h.ContainsKey('A')
            Count       = $h.Count
            MergedCount = $merged.Count
            Sum         = ($h.Values | Measure-Object -Sum).Sum
        }
    }
}
