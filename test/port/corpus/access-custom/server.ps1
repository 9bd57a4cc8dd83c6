Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8089 -Protocol Http

    # partners call with an API key that is a signed JWT naming them and their country
    $secret = 'key-signing-secret-for-the-corpus!'

    New-PodeAuthScheme -ApiKey -AsJWT -Secret $secret | Add-PodeAuth -Name 'Partner' -Sessionless -ScriptBlock {
        param($payload)
        return @{ User = @{ Name = $payload.sub; Country = $payload.country } }
    }

    # offers are limited by region: the route lists the countries, the user has one
    New-PodeAccessScheme -Custom -Path 'Country' | Add-PodeAccess -Name 'Region' -ScriptBlock {
        param($userCountries, $allowed)
        return ($allowed -contains $userCountries[0])
    }

    Add-PodeRoute -Method Get -Path '/offers/europe' -Authentication 'Partner' -Access 'Region' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Offers = @('rail pass', 'ferry') }
    } -PassThru | Add-PodeAccessCustom -Name 'Region' -Value 'UK', 'IE', 'FR'

    Add-PodeRoute -Method Get -Path '/offers/check' -Authentication 'Partner' -ScriptBlock {
        $country = $WebEvent.Query['country']
        $inEurope = Test-PodeAccess -Name 'Region' -Source $country -Destination 'UK', 'IE', 'FR'
        Write-PodeJsonResponse -Value @{ Country = $country; Europe = $inEurope }
    }
}
