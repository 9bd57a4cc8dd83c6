Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # the body arrives as text; parse it ourselves
    Add-PodeRoute -Method Post -Path '/settings' -ContentType 'text/plain' -ScriptBlock {
        $raw = $WebEvent.Data
        try {
            $settings = $raw | ConvertFrom-Json
        }
        catch {
            Write-PodeJsonResponse -StatusCode 400 -Value @{ Error = 'invalid JSON' }
            return
        }

        $settings | Add-Member -NotePropertyName 'Saved' -NotePropertyValue $true
        Write-PodeJsonResponse -Value $settings
    }

    # ConvertTo-Json in the route, written as text
    Add-PodeRoute -Method Get -Path '/compact' -ScriptBlock {
        $data = [ordered]@{ name = 'pode'; tags = @('web', 'ps'); nested = @{ on = $true } }
        $json = $data | ConvertTo-Json -Compress -Depth 5
        Write-PodeTextResponse -Value $json -ContentType 'application/json'
    }

    Add-PodeRoute -Method Post -Path '/keys' -ScriptBlock {
        $hash = $WebEvent.Data | ConvertTo-Json | ConvertFrom-Json -AsHashtable
        $keys = @($hash.Keys | Sort-Object)
        Write-PodeJsonResponse -Value @{ Keys = $keys; Count = $hash.Count }
    }
}
