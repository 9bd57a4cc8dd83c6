Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Basic' -Sessionless -ScriptBlock {
        param($username, $password)
        if ($username -eq 'summer' -and $password -eq 'phone') {
            return @{ User = @{ Name = 'Summer Smith' } }
        }
        return @{ Message = 'Nope' }
    }

    # anonymous visitors get the public page; signed-in users get a greeting
    Add-PodeRoute -Method Get -Path '/' -Authentication 'Basic' -AllowAnon -ScriptBlock {
        if ($WebEvent.Auth.IsAuthenticated) {
            Write-PodeTextResponse -Value "Hi $($WebEvent.Auth.User.Name)"
        }
        else {
            Write-PodeTextResponse -Value 'Hi stranger'
        }
    }
}
