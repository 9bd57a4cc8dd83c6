Import-Module Pode

# a small site on Pode's own view engine: .pode views with $(…) over $data, a shared partial
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeViewEngine -Type Pode
    Enable-PodeSessionMiddleware -Duration 120 -Extend

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index' -Data @{
            Title   = 'Crew'
            Members = @('Rick', 'Morty', 'Summer')
        }
    }

    Add-PodeRoute -Method Post -Path '/login' -ScriptBlock {
        Add-PodeFlashMessage -Name 'error' -Message 'Invalid username'
        Move-PodeResponseUrl -Url '/login'
    }

    Add-PodeRoute -Method Get -Path '/login' -ScriptBlock {
        Write-PodeViewResponse -Path 'login' -FlashMessages
    }
}
