Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # route middleware as script blocks held in variables
    $requireJson = {
        if ($WebEvent.ContentType -ne 'application/json') {
            Set-PodeResponseStatus -Code 415
            return $false
        }
        return $true
    }

    $stamp = {
        $WebEvent.Metadata['Stamp'] = 'checked'
        return $true
    }

    Add-PodeRoute -Method Post -Path '/echo' -Middleware @($requireJson, $stamp) -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            You   = $WebEvent.Data
            Stamp = $WebEvent.Metadata['Stamp']
        }
    }

    Add-PodeRoute -Method Get -Path '/plain' -Middleware $stamp -ScriptBlock {
        Write-PodeTextResponse -Value $WebEvent.Metadata['Stamp']
    }
}
