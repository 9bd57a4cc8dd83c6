Add-PodeRoute -Method Get -Path '/admin' -ScriptBlock {
    Write-PodeHtmlResponse -Value '<h1>Admin</h1>'
}
