Import-Module Pode

# routes live in ./routes/*.ps1 beside this script, loaded by Use-PodeRoutes
Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Use-PodeRoutes

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Routes = 'loaded from files' }
    }
}
