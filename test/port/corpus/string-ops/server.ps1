Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/format' -ScriptBlock {
        $name = 'Widget'
        $price = 1234.5
        $qty = 3
        $line = '{0} x{1} at {2:N2} = {3:N2}' -f $name, $qty, $price, ($price * $qty)
        $padded = '[{0,-8}]' -f $name
        Write-PodeJsonResponse -Value @{ Line = $line; Padded = $padded; Braces = '{{literal}} {0}' -f 'ok' }
    }

    Add-PodeRoute -Method Get -Path '/words' -ScriptBlock {
        $sentence = $WebEvent.Query['s']
        $words = $sentence -split ','
        $trimmed = $words | ForEach-Object { $_.Trim() } | Where-Object { $_ }
        Write-PodeJsonResponse -Value @{
            Count   = @($trimmed).Count
            Joined  = $trimmed -join '|'
            Upper   = ($trimmed | ForEach-Object { $_.ToUpper() }) -join ' '
            Initials = -join ($trimmed | ForEach-Object { $_.Substring(0, 1) })
        }
    }

    Add-PodeRoute -Method Get -Path '/replace' -ScriptBlock {
        $text = 'The year 2023 and the year 2024'
        Write-PodeJsonResponse -Value @{
            Regex    = $text -replace '(\d{4})', '<$1>'
            Plain    = $text.Replace('year', 'YEAR')
            Insensitive = 'Hello HELLO hello' -replace 'hello', 'bye'
            Sensitive = 'Hello HELLO hello' -creplace 'hello', 'bye'
        }
    }

    Add-PodeRoute -Method Get -Path '/letter/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        $count = $name.Length
        $letter = @"
Dear $name,

Your name has $count letters and starts with '$($name[0])'.
Regards, $("{0}" -f 'Pode')
"@
        Write-PodeTextResponse -Value $letter
    }

    Add-PodeRoute -Method Get -Path '/literal' -ScriptBlock {
        $value = 'not expanded'
        Write-PodeTextResponse -Value (@'
Single $value stays as typed.
'@ + " Double: $value")
    }
}
