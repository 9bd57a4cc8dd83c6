Import-Module Pode

Start-PodeServer -Verbose {
    # a local https site with a certificate made at start-up
    Add-PodeEndpoint -Address localhost -Port 8443 -Protocol Https -SelfSigned -Name Secure -Default

    # plain http sends every request to the https site
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http -Name Plain -RedirectTo Secure

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            protocol = $WebEvent.Endpoint.Protocol
            name     = $WebEvent.Endpoint.Name
        }
    }

    # the same page on the standard https port
    Add-PodeRoute -Method Get -Path '/standard' -ScriptBlock {
        Move-PodeResponseUrl -Port 443
    }

    # back to plain http on another port, for good
    Add-PodeRoute -Method Get -Path '/plain' -ScriptBlock {
        Move-PodeResponseUrl -Protocol Http -Port 8080 -Moved
    }
}
