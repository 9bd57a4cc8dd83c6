Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    $people = @(
        [pscustomobject]@{ Name = 'Rick'; Age = 70 }
        [pscustomobject]@{ Name = 'Morty'; Age = 14 }
    )

    Add-PodeRoute -Method Get -Path '/people.json' -ScriptBlock {
        Write-PodeJsonResponse -Value $using:people
    }

    Add-PodeRoute -Method Get -Path '/people.csv' -ScriptBlock {
        Write-PodeCsvResponse -Value $using:people
    }

    Add-PodeRoute -Method Get -Path '/people.xml' -ScriptBlock {
        $using:people | Write-PodeXmlResponse
    }
}
