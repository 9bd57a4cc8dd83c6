Add-PodeRoute -Method Get -Path '/api/ping' -ScriptBlock {
    Write-PodeJsonResponse -Value @{ pong = $true }
}

Add-PodeRoute -Method Post -Path '/api/echo' -ScriptBlock {
    Write-PodeJsonResponse -Value $WebEvent.Data
}
