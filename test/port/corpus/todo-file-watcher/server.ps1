Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # reload the price list when someone drops a new one in ./incoming
    Add-PodeFileWatcher -Path './incoming' -Include '*.csv' -ScriptBlock {
        "new price list: $($FileEvent.Name)" | Out-Default
    }

    Add-PodeRoute -Method Get -Path '/prices' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Count = 0 }
    }
}
