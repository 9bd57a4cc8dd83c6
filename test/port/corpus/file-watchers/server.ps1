Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'seen' -Value @() | Out-Null

    # note each price list someone drops in ./incoming (csv files only)
    Add-PodeFileWatcher -Path './incoming' -Include '*.csv' -EventName Created, Changed -ScriptBlock {
        Lock-PodeObject -ScriptBlock {
            $seen = Get-PodeState -Name 'seen'
            Set-PodeState -Name 'seen' -Value (@($seen) + "$($FileEvent.Type) $($FileEvent.Name)") | Out-Null
        }
    }

    # an upload drops a file into the watched folder
    Add-PodeRoute -Method Post -Path '/prices/:name' -ScriptBlock {
        $path = Join-Path './incoming' $WebEvent.Parameters['name']
        Set-Content -Path $path -Value "uploaded $(Get-Date)"
        Set-PodeResponseStatus -Code 202
    }

    Add-PodeRoute -Method Get -Path '/prices' -ScriptBlock {
        # give the watcher a moment to see the newest file
        Start-Sleep -Milliseconds 700
        $seen = Get-PodeState -Name 'seen'
        Write-PodeJsonResponse -Value @{ Seen = @($seen) }
    }
}
