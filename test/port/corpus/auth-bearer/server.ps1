Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # tokens a real server would look up in a database
    $tokens = @{
        'token-morty' = 'Morty'
        'token-summer' = 'Summer'
    }

    New-PodeAuthScheme -Bearer | Add-PodeAuth -Name 'Api' -Sessionless -ScriptBlock {
        param($token)

        $name = $using:tokens[$token]
        if ([string]::IsNullOrEmpty($name)) {
            return @{ Message = 'Unknown token' }
        }

        return @{ User = @{ Name = $name; Token = $token } }
    }

    Add-PodeRoute -Method Get -Path '/api/whoami' -Authentication Api -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Name = $WebEvent.Auth.User.Name }
    }

    Add-PodeRoute -Method Get -Path '/api/items' -Authentication Api -ScriptBlock {
        $items = 1..3 | ForEach-Object { "item-$_" }
        Write-PodeJsonResponse -Value @{ Owner = (Get-PodeAuthUser).Name; Items = $items }
    }
}
