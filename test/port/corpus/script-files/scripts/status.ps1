{
    Write-PodeTextResponse -Value 'all systems go'
}
