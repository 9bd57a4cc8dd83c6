Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    $people = @(
        [pscustomobject]@{ Name = 'Rick'; Age = 70 }
        [pscustomobject]@{ Name = 'Morty'; Age = 14 }
    )

    Add-PodeRoute -Method Get -Path '/people.json' -ScriptBlock {
        Write-PodeJsonResponse -Value $using:people -Depth 3 -NoCompress
    }

    Add-PodeRoute -Method Get -Path '/people.csv' -ScriptBlock {
        Write-PodeCsvResponse -Value $using:people
    }

    Add-PodeRoute -Method Get -Path '/people.xml' -ScriptBlock {
        $using:people | Write-PodeXmlResponse
    }

    Add-PodeRoute -Method Get -Path '/people.yaml' -ScriptBlock {
        Write-PodeYamlResponse -Value @{ People = $using:people }
    }

    Add-PodeRoute -Method Get -Path '/readme' -ScriptBlock {
        Write-PodeMarkdownResponse -Value "# People`n`nRick and *Morty*" -AsHtml
    }

    # an XML body is parsed: <user><username>rick</username></user>
    Add-PodeRoute -Method Post -Path '/users' -ScriptBlock {
        $name = $WebEvent.Data.user.username
        Write-PodeJsonResponse -Value @{ Created = $name } -StatusCode 201
    }

    # the root element itself: <username>morty</username>
    Add-PodeRoute -Method Post -Path '/names' -ScriptBlock {
        Write-PodeTextResponse -Value "hello $($WebEvent.Data.username)"
    }
}
