Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8081 -Protocol Http

    Enable-PodeSessionMiddleware -Duration 120 -Extend

    # form login: the <form> posts "username" and "password"
    New-PodeAuthScheme -Form | Add-PodeAuth -Name 'Login' -FailureUrl '/login' -SuccessUrl '/' -ScriptBlock {
        param($username, $password)

        # a real server would check a user store here
        if ($username -eq 'morty' -and $password -eq 'pickle') {
            return @{
                User = @{
                    ID   = 'M0R7Y302'
                    Name = 'Morty'
                    Type = 'Human'
                }
            }
        }

        return @{ Message = 'Invalid details supplied' }
    }

    # home page: redirects to /login without an authenticated session
    Add-PodeRoute -Method Get -Path '/' -Authentication Login -ScriptBlock {
        $session:Views++
        $user = Get-PodeAuthUser
        Write-PodeHtmlResponse -Value "<h1>Welcome, $($user.Name)</h1><p>Views: $($session:Views)</p>"
    }

    # login page: an authenticated session is sent home instead
    Add-PodeRoute -Method Get -Path '/login' -Authentication Login -Login -ScriptBlock {
        $errors = Get-PodeFlashMessage -Name 'auth-error'
        $html = @"
<html>
<body>
  <p class="error">$($errors -join ', ')</p>
  <form action="/login" method="post">
    <input name="username" /><input name="password" type="password" />
    <button type="submit">Login</button>
  </form>
</body>
</html>
"@
        Write-PodeHtmlResponse -Value $html
    }

    Add-PodeRoute -Method Post -Path '/login' -Authentication Login -Login

    Add-PodeRoute -Method Post -Path '/logout' -Authentication Login -Logout
}
