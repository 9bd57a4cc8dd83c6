Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # /docs redirects to /docs/index.html instead of serving it in place
    Add-PodeStaticRoute -Path '/docs' -Source './docs' -Defaults @('index.html') -RedirectToDefault
}
