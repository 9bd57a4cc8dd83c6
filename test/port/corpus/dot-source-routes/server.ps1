Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # the API routes are kept in a file beside the server and dot-sourced here
    . ./api-routes.ps1

    # so is the admin section, found through $PSScriptRoot
    . (Join-Path $PSScriptRoot 'admin-routes.ps1')
}
