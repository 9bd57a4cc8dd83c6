Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/fizzbuzz/:n' -ScriptBlock {
        $n = [int]$WebEvent.Parameters['n']
        $out = @()
        for ($i = 1; $i -le $n; $i++) {
            if ($i % 15 -eq 0) { $out += 'FizzBuzz' }
            elseif ($i % 3 -eq 0) { $out += 'Fizz' }
            elseif ($i % 5 -eq 0) { $out += 'Buzz' }
            else { $out += "$i" }
        }
        Write-PodeJsonResponse -Value @{ Items = $out }
    }

    Add-PodeRoute -Method Get -Path '/primes' -ScriptBlock {
        $limit = 30
        $primes = [System.Collections.ArrayList]::new()
        foreach ($candidate in 2..$limit) {
            $isPrime = $true
            foreach ($p in $primes) {
                if ($p * $p -gt $candidate) { break }
                if ($candidate % $p -eq 0) {
                    $isPrime = $false
                    break
                }
            }
            if (!$isPrime) { continue }
            [void]$primes.Add($candidate)
        }
        Write-PodeJsonResponse -Value @{ Primes = @($primes) }
    }

    Add-PodeRoute -Method Get -Path '/countdown' -ScriptBlock {
        $n = 5
        $steps = @()
        while ($n -gt 0) {
            $steps += $n
            $n--
        }

        $doubled = 1
        do {
            $doubled *= 2
        } while ($doubled -lt 100)

        $halved = 1000
        do {
            $halved = [Math]::Floor($halved / 2)
        } until ($halved -lt 10)

        Write-PodeJsonResponse -Value @{ Steps = $steps; Doubled = $doubled; Halved = $halved }
    }
}
