Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Get -Path '/classify' -ScriptBlock {
        $email = $WebEvent.Query['email']
        $result = [ordered]@{ Email = $email }

        if ($email -match '^(?<user>[^@]+)@(?<domain>[^@]+)$') {
            $result.User = $Matches.user
            $result.Domain = $Matches['domain'].ToLower()
            $result.Corporate = $Matches.domain -like '*.corp'
            $result.Gmail = $Matches.domain -eq 'GMAIL.com'
            $result.StrictGmail = $Matches.domain -ceq 'GMAIL.com'
        }
        else {
            $result.Valid = $false
        }

        Write-PodeJsonResponse -Value $result
    }

    Add-PodeRoute -Method Get -Path '/filter' -ScriptBlock {
        $files = @('report.pdf', 'Photo.JPG', 'notes.txt', 'photo2.jpg', 'data.csv')
        Write-PodeJsonResponse -Value @{
            Images    = @($files -like '*.jpg')
            NotImages = @($files -notlike '*.jpg')
            Digits    = @($files -match '\d')
            CaseOnly  = @($files -clike '*.jpg')
        }
    }

    Add-PodeRoute -Method Get -Path '/version-check' -ScriptBlock {
        $agent = $WebEvent.Request.Headers['User-Agent']
        if ($agent -notmatch 'MyClient/(\d+)\.(\d+)') {
            Write-PodeTextResponse -Value 'unknown client' -StatusCode 400
            return
        }
        $major = [int]$Matches[1]
        if ($major -lt 2) {
            Write-PodeTextResponse -Value "please upgrade from $($Matches[0])" -StatusCode 426
            return
        }
        Write-PodeTextResponse -Value "ok v$major.$($Matches[2])"
    }
}
