Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/animal/:name' -ScriptBlock {
        # one-line clauses, as people write them
        $sound = switch ($WebEvent.Parameters['name']) {
            'dog' { 'woof' }
            'cat' { 'meow' }
            'cow' { 'moo' }
            default { 'silence' }
        }
        Write-PodeTextResponse -Value $sound
    }

    Add-PodeRoute -Method Get -Path '/file-type' -ScriptBlock {
        $file = $WebEvent.Query['name']
        switch -Wildcard ($file) {
            '*.ps1' { $kind = 'script'; break }
            '*.md' { $kind = 'docs'; break }
            'readme*' { $kind = 'readme'; break }
            default { $kind = 'unknown' }
        }
        Write-PodeJsonResponse -Value @{ File = $file; Kind = $kind }
    }

    Add-PodeRoute -Method Get -Path '/version' -ScriptBlock {
        $version = $WebEvent.Query['v']
        $result = switch -Regex ($version) {
            '^(\d+)\.(\d+)\.(\d+)$' { "major $($Matches[1]), minor $($Matches[2]), patch $($Matches[3])" }
            '^(\d+)$' { "major $($Matches[1]) only" }
            default { 'not a version' }
        }
        Write-PodeTextResponse -Value $result
    }

    Add-PodeRoute -Method Get -Path '/grade/:score' -ScriptBlock {
        $score = [int]$WebEvent.Parameters['score']
        $grade = switch ($score) {
            { $_ -ge 90 } { 'A'; break }
            { $_ -ge 75 } { 'B'; break }
            { $_ -ge 50 } { 'C'; break }
            default { 'F' }
        }
        Write-PodeJsonResponse -Value @{ Score = $score; Grade = $grade }
    }

    Add-PodeRoute -Method Get -Path '/tags' -ScriptBlock {
        # a switch over an array runs once per item
        $labels = switch (@('bug', 'docs', 'bug', 'perf')) { 'bug' { 'B' } 'docs' { 'D' } default { '?' } }
        Write-PodeJsonResponse -Value @{ Labels = @($labels) }
    }
}
