Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Post -Path '/parse' -ScriptBlock {
        $steps = @()
        try {
            $steps += 'start'
            $number = [int]$WebEvent.Data.value
            if ($number -lt 0) {
                throw 'negative numbers are not allowed'
            }
            $steps += 'parsed'
            Write-PodeJsonResponse -Value @{ Value = $number; Steps = $steps }
        }
        catch {
            $steps += 'caught'
            Write-PodeJsonResponse -StatusCode 400 -Value @{ Error = $_.Exception.Message; Steps = $steps }
        }
        finally {
            Set-PodeHeader -Name 'X-Finally' -Value 'ran'
        }
    }

    # an uncaught error is a 500
    Add-PodeRoute -Method Get -Path '/boom' -ScriptBlock {
        throw 'something broke'
    }

    Add-PodeRoute -Method Get -Path '/safe-divide' -ScriptBlock {
        try {
            $result = 10 / [int]$WebEvent.Query['by']
            Write-PodeTextResponse -Value "$result"
        }
        catch {
            Set-PodeResponseStatus -Code 422 -Description 'Cannot divide'
        }
    }
}
