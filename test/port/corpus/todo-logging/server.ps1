Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # requests to a file, errors to the terminal
    New-PodeLogFileMethod -Name 'requests' -MaxDays 7 | Enable-PodeLogRequestType
    New-PodeLogTerminalMethod | Enable-PodeLogErrorType

    # an audit log of our own
    New-PodeLogTerminalMethod | Add-PodeLogType -Name 'audit' -Raw

    Add-PodeRoute -Method Post -Path '/orders' -ScriptBlock {
        Write-PodeLog -Name 'audit' -InputObject @{ Event = 'order'; Id = $WebEvent.Data.id }
        Write-PodeJsonResponse -Value @{ Accepted = $WebEvent.Data.id } -StatusCode 202
    }
}
