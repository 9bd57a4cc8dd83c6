Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8082 -Protocol Http
    New-PodeLoggingMethod -Terminal | Enable-PodeErrorLogging

    Enable-PodeSessionMiddleware -Duration 600 -Extend

    # the domain controller: nothing answers on port 1 of this machine, so every login fails
    # (Pode's ldapsearch fails the same way: "Invalid credentials supplied")
    $dc = '127.0.0.1:1'

    # the intranet: a <form> login against AD, only for members of 'Intranet Users' (nested groups count)
    New-PodeAuthScheme -Form | Add-PodeAuthWindowsAd -Name 'Intranet' -Fqdn $dc -Domain 'CORP' `
        -SearchBase 'OU=Staff,DC=corp,DC=example' -Groups @('Intranet Users') `
        -FailureUrl '/login' -SuccessUrl '/' -ScriptBlock {
        param($user)

        # hide the distinguished name from the pages
        $user.Remove('DistinguishedName')
        return @{ User = $user }
    }

    # the API: basic auth, no session, only two accounts, no groups read
    $scheme = New-PodeAuthScheme -Basic -Realm 'Corp API'
    $scheme | Add-PodeAuthWindowsAd -Name 'Api' -Server $dc -Domain 'CORP' -Users 'svc-build', 'svc-deploy' -NoGroups -Sessionless -KeepCredential

    Add-PodeRoute -Method Get -Path '/' -Authentication 'Intranet' -ScriptBlock {
        $user = Get-PodeAuthUser
        Write-PodeHtmlResponse -Value "<h1>Hello, $($user.Name)</h1><p>Groups: $($user.Groups -join ', ')</p>"
    }

    Add-PodeRoute -Method Get -Path '/login' -Authentication 'Intranet' -Login -ScriptBlock {
        $errors = Get-PodeFlashMessage -Name 'auth-error'
        Write-PodeHtmlResponse -Value @"
<form action="/login" method="post">
  <p class="error">$($errors -join ', ')</p>
  <input name="username" /><input name="password" type="password" />
</form>
"@
    }

    Add-PodeRoute -Method Post -Path '/login' -Authentication 'Intranet' -Login
    Add-PodeRoute -Method Post -Path '/logout' -Authentication 'Intranet' -Logout

    Add-PodeRoute -Method Get -Path '/api/whoami' -Authentication 'Api' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Username = $WebEvent.Auth.User.Username; Domain = $WebEvent.Auth.User.Domain }
    }

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Status = 'ok' }
    }
}
