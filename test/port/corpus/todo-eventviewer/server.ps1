Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # errors go to the Windows event log
    New-PodeLoggingMethod -EventViewer -EventLogName 'Application' -Source 'Shop' | Enable-PodeErrorLogging

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeTextResponse -Value 'shop'
    }
}
