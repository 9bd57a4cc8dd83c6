Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/round' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            Banker    = @([Math]::Round(2.5), [Math]::Round(3.5), [Math]::Round(-2.5))
            Digits    = [Math]::Round(3.14159, 2)
            IntCast   = @([int]2.5, [int]3.5, [int]'7')
            Floor     = [Math]::Floor(-1.5)
            Ceiling   = [Math]::Ceiling(1.2)
            Abs       = [Math]::Abs(-42)
            Power     = [Math]::Pow(2, 10)
            Sqrt      = [Math]::Sqrt(81)
            MaxMin    = @([Math]::Max(3, 9), [Math]::Min(3, 9))
        }
    }

    Add-PodeRoute -Method Get -Path '/vat' -ScriptBlock {
        $net = [double]$WebEvent.Query['net']
        $rate = 0.2
        $vat = [Math]::Round($net * $rate, 2)
        $gross = $net + $vat
        Write-PodeJsonResponse -Value @{ Net = $net; Vat = $vat; Gross = $gross; Label = "{0:N2}" -f $gross }
    }

    Add-PodeRoute -Method Get -Path '/types' -ScriptBlock {
        $flag = [bool]'false'
        $empty = [bool]''
        $zero = [bool]0
        $text = [string]42
        $number = '5' * 3
        $sum = 5 + '3'
        $concat = '5' + 3
        Write-PodeJsonResponse -Value @{
            Flag = $flag; Empty = $empty; Zero = $zero
            Text = $text; Repeat = $number; Sum = $sum; Concat = $concat
            Compare = ('10' -eq 10); Less = ('9' -lt '10'); LessNumber = (9 -lt '10')
        }
    }

    Add-PodeRoute -Method Get -Path '/counter' -ScriptBlock {
        $n = 10
        $n += 5
        $n -= 3
        $n *= 2
        $n /= 4
        $n++
        $n--
        $n %= 4
        Write-PodeJsonResponse -Value @{ N = $n }
    }
}
