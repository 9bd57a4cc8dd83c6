Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # old URLs moved for good
    Add-PodeRoute -Method Get -Path '/old-blog/:slug' -ScriptBlock {
        Move-PodeResponseUrl -Url "/blog/$($WebEvent.Parameters['slug'])" -Moved
    }

    Add-PodeRoute -Method Get -Path '/blog/:slug' -ScriptBlock {
        Write-PodeTextResponse -Value "Post: $($WebEvent.Parameters['slug'])"
    }

    # a temporary redirect that keeps the query
    Add-PodeRoute -Method Get -Path '/search' -ScriptBlock {
        $q = $WebEvent.Query['q']
        if ([string]::IsNullOrWhiteSpace($q)) {
            Move-PodeResponseUrl -Url '/'
            return
        }
        Move-PodeResponseUrl -Url "/results?q=$q"
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeTextResponse -Value 'home'
    }
}
