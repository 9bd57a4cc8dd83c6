Import-Module Pode

# logging set up the way older Pode servers do it
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    New-PodeLoggingMethod -Terminal | Enable-PodeErrorLogging
    New-PodeLoggingMethod -File -Name 'requests' -MaxDays 4 | Enable-PodeRequestLogging

    # a custom method: each batch of items as JSON on the terminal
    $custom = New-PodeLoggingMethod -Custom -ScriptBlock {
        param($items)
        $items | ConvertTo-Json -Compress | Out-Default
    }
    $custom | Add-PodeLogger -Name 'events' -ScriptBlock {
        param($item)
        return "event: $($item.Name)"
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeLog -Name 'events' -InputObject @{ Name = 'home' }
        Write-PodeJsonResponse -Value @{ Page = 'home' }
    }

    Add-PodeRoute -Method Get -Path '/boom' -ScriptBlock {
        throw 'kaboom'
    }
}
