Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # requests to a file, errors to the terminal
    New-PodeLogFileMethod -Name 'requests' -MaxDays 7 | Enable-PodeLogRequestType
    New-PodeLogTerminalMethod | Enable-PodeLogErrorType -Levels Error, Warning

    # an audit log of our own, batched
    $batch = New-PodeLogBatchInfo -Size 1
    New-PodeLogFileMethod -Name 'audit' -BatchInfo $batch | Add-PodeLogType -Name 'audit' -Raw

    Add-PodeRoute -Method Post -Path '/orders' -ScriptBlock {
        Write-PodeLog -Name 'audit' -InputObject @{ Event = 'order'; Id = $WebEvent.Data.id }
        Write-PodeJsonResponse -Value @{ Accepted = $WebEvent.Data.id } -StatusCode 202
    }

    Add-PodeRoute -Method Get -Path '/fail' -ScriptBlock {
        try {
            throw 'the stock service is down'
        }
        catch {
            $_ | Write-PodeErrorLog -Level Warning
            Write-PodeTextResponse -Value 'logged' -StatusCode 503
        }
    }
}
