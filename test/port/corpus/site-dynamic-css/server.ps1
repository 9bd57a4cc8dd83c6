Import-Module Pode

# a site whose stylesheet is a dynamic file: public/styles/theme.css.pode is rendered
# on every request, and a static route serves .pode files from ./docs the same way
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeStaticRoute -Path '/docs' -Source './docs'

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeHtmlResponse -Value '<link rel="stylesheet" href="/styles/theme.css.pode"><h1>themed</h1>'
    }
}
