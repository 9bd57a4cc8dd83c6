Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # /api/add?a=2&b=3 -> {"a":2,"b":3,"sum":5}
    Add-PodeRoute -Method Get -Path '/api/add' -ScriptBlock {
        $a = [int]$WebEvent.Query['a']
        $b = [int]$WebEvent.Query['b']
        Write-PodeJsonResponse -Value @{ a = $a; b = $b; sum = $a + $b }
    }

    # strings from the query concatenate unless they are cast first
    Add-PodeRoute -Method Get -Path '/api/concat' -ScriptBlock {
        $left = $WebEvent.Query['a']
        $right = $WebEvent.Query['b']
        Write-PodeTextResponse -Value ($left + $right)
    }

    # paging: defaults when the query is missing
    Add-PodeRoute -Method Get -Path '/api/page' -ScriptBlock {
        $page = 1
        if (![string]::IsNullOrEmpty($WebEvent.Query['page'])) {
            $page = [int]$WebEvent.Query['page']
        }

        $size = $WebEvent.Query['size']
        if (!$size) { $size = 10 }

        $first = (($page - 1) * [int]$size) + 1
        Write-PodeJsonResponse -Value @{ page = $page; size = [int]$size; first = $first }
    }

    Add-PodeRoute -Method Get -Path '/api/divide' -ScriptBlock {
        $x = [int]$WebEvent.Query['x']
        $y = [int]$WebEvent.Query['y']
        if ($y -eq 0) {
            Set-PodeResponseStatus -Code 400 -Description 'y must not be zero'
            return
        }
        Write-PodeJsonResponse -Value @{ result = $x / $y; remainder = $x % $y }
    }
}
