Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http
    Enable-PodeSessionMiddleware -Duration 120 -Extend

    # post/redirect/get with flash messages
    Add-PodeRoute -Method Post -Path '/contact' -ScriptBlock {
        $email = $WebEvent.Data['email']
        if ($email -notmatch '^[^@\s]+@[^@\s]+$') {
            Add-PodeFlashMessage -Name 'error' -Message "'$email' is not an email address"
            Move-PodeResponseUrl -Url '/contact'
            return
        }

        Add-PodeFlashMessage -Name 'info' -Message 'Thanks, we will be in touch'
        Add-PodeFlashMessage -Name 'info' -Message "A copy went to $email"
        Move-PodeResponseUrl -Url '/contact'
    }

    Add-PodeRoute -Method Get -Path '/contact' -ScriptBlock {
        # every flash message waiting for this visitor, by name (each is read once)
        $names = @(Get-PodeFlashMessageNames)
        $messages = @{}
        foreach ($name in $names) {
            $messages[$name] = @(Get-PodeFlashMessage -Name $name)
        }

        Write-PodeJsonResponse -Value @{
            Names    = $names.Count
            Messages = $messages
        }
    }
}
