Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # serve ./public under /assets
    Add-PodeStaticRoute -Path '/assets' -Source './public'

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeHtmlResponse -Value '<link rel="stylesheet" href="/assets/site.css"><p>styled</p>'
    }
}
