# Sign-in through an OAuth2 provider: the authorization code flow with PKCE, an Azure AD app,
# and a login form whose username and password go to the provider (password grant).
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address 127.0.0.1 -Port 8085 -Protocol Http
    Enable-PodeSessionMiddleware -Duration 600 -Extend

    # a provider of our own: the code flow, with PKCE and the user fetched by GET
    $provider = New-PodeAuthScheme -OAuth2 `
        -ClientId 'pode-app' `
        -ClientSecret 'not-so-secret' `
        -AuthoriseUrl 'https://idp.example.com/authorize?prompt=login' `
        -TokenUrl 'https://idp.example.com/token' `
        -UserUrl 'https://idp.example.com/userinfo' `
        -UserUrlMethod Get `
        -Scope 'openid', 'email' `
        -UsePKCE

    $provider | Add-PodeAuth -Name 'Provider' -SuccessUrl '/' -ScriptBlock {
        param($user, $accessToken, $refreshToken, $response)
        if ([string]::IsNullOrEmpty($accessToken)) {
            return @{ Message = 'The provider sent no access token' }
        }
        return @{ User = @{ Name = $user.name; Expires = $response.expires_in } }
    }

    # Azure AD, coming back to a callback route of our own
    $azure = New-PodeAuthAzureADScheme -Tenant 'contoso.onmicrosoft.com' -ClientId 'azure-app' -RedirectUrl '/azure/return' -UsePKCE
    $azure | Add-PodeAuth -Name 'Azure' -FailureUrl '/about' -ScriptBlock {
        param($user, $accessToken)
        return @{ User = $user }
    }

    # a login form: the username and password are exchanged at the token URL
    $loginForm = New-PodeAuthScheme -Form
    $password = New-PodeAuthScheme -OAuth2 -ClientId 'pode-app' -ClientSecret 'not-so-secret' -TokenUrl 'http://127.0.0.1:9/token' -InnerScheme $loginForm
    $password | Add-PodeAuth -Name 'Password' -FailureUrl '/about' -SuccessUrl '/' -ScriptBlock {
        param($user)
        return @{ User = $user }
    }

    Add-PodeRoute -Method Get -Path '/' -Authentication 'Provider' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = $WebEvent.Auth.User.Name }
    }

    Add-PodeRoute -Method Get -Path '/azure/return' -Authentication 'Azure' -ScriptBlock {
        Write-PodeTextResponse -Value 'signed in with Azure AD'
    }

    Add-PodeRoute -Method Post -Path '/login' -Authentication 'Password' -Login

    Add-PodeRoute -Method Get -Path '/about' -ScriptBlock {
        Write-PodeTextResponse -Value "about"
    }
}
