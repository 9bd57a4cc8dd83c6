function Get-Uptime {
    return 'fine'
}

Add-PodeRoute -Method Get -Path '/status' -ScriptBlock {
    Write-PodeTextResponse -Value "status: $(Get-Uptime)"
}
