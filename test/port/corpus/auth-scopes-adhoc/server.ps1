param(
    [ValidateSet('Header', 'Query', 'Cookie')]
    [string]
    $KeyLocation = 'Query'
)

Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # tokens with the one scope each grants
    $grants = @{
        'tok-editor' = 'write'
        'tok-viewer' = 'read'
    }

    New-PodeAuthScheme -Bearer -Scope 'write' | Add-PodeAuth -Name 'Editors' -Sessionless -ScriptBlock {
        param($token)
        $scope = $using:grants[$token]
        if ($null -eq $scope) {
            return $null
        }
        return @{ User = @{ Name = $token.Substring(4) }; Scope = $scope }
    }

    # the key's location comes from the script's parameter
    New-PodeAuthScheme -ApiKey -Location $KeyLocation -LocationName 'key' | Add-PodeAuth -Name 'Key' -Sessionless -ScriptBlock {
        param($key)
        if ($key -eq 'k-123') {
            return @{ User = @{ Name = 'robot' } }
        }
        return @{ Message = 'Bad key' }
    }

    New-PodeAuthScheme -Basic -AsCredential | Add-PodeAuth -Name 'Creds' -Sessionless -ScriptBlock {
        param($creds)
        $user = $creds.UserName
        $pass = $creds.GetNetworkCredential().Password
        if (($user -eq 'ada') -and ($pass -eq 'engine')) {
            return @{ User = @{ Name = $user } }
        }
        return @{ Message = 'Invalid details supplied' }
    }

    Add-PodeRoute -Method Post -Path '/articles' -Authentication 'Editors' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Saved = $true; By = $WebEvent.Auth.User.Name }
    }

    Add-PodeRoute -Method Get -Path '/robot' -Authentication 'Key' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = $WebEvent.Auth.User.Name }
    }

    # no -Authentication: the route decides what an anonymous caller gets
    Add-PodeRoute -Method Get -Path '/greeting' -ScriptBlock {
        if (Test-PodeAuth -Name 'Creds') {
            Write-PodeTextResponse -Value 'Welcome back'
        }
        else {
            Write-PodeTextResponse -Value 'Hello stranger'
        }
    }

    Add-PodeRoute -Method Get -Path '/exists' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Creds = (Test-PodeAuthExists -Name 'Creds'); Other = (Test-PodeAuthExists -Name 'Other') }
    }
}
