Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # names compare the way PowerShell compares strings: without case, unless -c…
    Add-PodeRoute -Method Get -Path '/greet/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        $greeting = '{0}, {1}!' -f 'Hello', $name
        Write-PodeJsonResponse -Value @{
            Admin    = ($name -eq 'ADMIN')
            Exact    = ($name -ceq 'admin')
            Before   = ($name -lt 'm')
            Greeting = $greeting
            Padded   = ('{0,4}|{1,-4}|' -f 'ab', 'cd')
            Money    = ('{0:N2}' -f 1234.567)
            Hex      = ('{0:X4}' -f 255)
        }
    }

    # tags arrive as one comma-separated query value
    Add-PodeRoute -Method Get -Path '/tags' -ScriptBlock {
        $raw = $WebEvent.Query['t']
        $tags = $raw -split '\s*,\s*' | Where-Object { $_ } | ForEach-Object { $_.ToLower() } | Sort-Object -Unique
        Write-PodeJsonResponse -Value @{
            Tags    = @($tags)
            Joined  = ($tags -join ';')
            Limited = ('a-b-c-d' -split '-', 2)
            Repeat  = ('ab' * 3)
        }
    }

    Add-PodeRoute -Method Get -Path '/slug' -ScriptBlock {
        $title = $WebEvent.Query['title']
        $slug = ($title.Trim() -replace '[^\w\s-]', '' -replace '\s+', '-').ToLower()
        $dated = '2024-06-09' -replace '(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})', '${d}/${m}/${y}'
        $card = @"
Title: $($title.Trim())
Slug: $slug
"@
        Write-PodeJsonResponse -Value @{ Slug = $slug; Dated = $dated; Card = $card }
    }

    # PowerShell truthiness: '0' and 'False' are true, an empty string false
    Add-PodeRoute -Method Get -Path '/truth' -ScriptBlock {
        $value = $WebEvent.Query['v']
        $answer = 'no'
        if ($value) {
            $answer = 'yes'
        }
        Write-PodeJsonResponse -Value @{
            Answer      = $answer
            ZeroString  = [bool]'0'
            FalseString = [bool]'False'
            EmptyList   = [bool]@()
            ListOfZero  = [bool]@(0)
            Blank       = [string]::IsNullOrWhiteSpace($value)
        }
    }
}
