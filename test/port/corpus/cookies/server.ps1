Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # remember the visitor's theme in a cookie for an hour
    Add-PodeRoute -Method Get -Path '/theme/:name' -ScriptBlock {
        $theme = $WebEvent.Parameters['name'].ToLower()
        if ($theme -notin @('light', 'dark')) {
            Write-PodeTextResponse -Value "Unknown theme: $theme" -StatusCode 400
            return
        }
        Set-PodeCookie -Name 'theme' -Value $theme -Duration 3600 -HttpOnly
        Move-PodeResponseUrl -Url '/'
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        $theme = 'light'
        if (Test-PodeCookie -Name 'theme') {
            $theme = (Get-PodeCookie -Name 'theme').Value
        }
        Write-PodeHtmlResponse -Value "<body class=`"$theme`">Welcome</body>"
    }

    Add-PodeRoute -Method Get -Path '/raw' -ScriptBlock {
        $cookie = $WebEvent.Cookies['theme']
        if ($null -eq $cookie) {
            Write-PodeJsonResponse -Value @{ Theme = $null }
        }
        else {
            Write-PodeJsonResponse -Value @{ Theme = $cookie.Value }
        }
    }

    Add-PodeRoute -Method Get -Path '/forget' -ScriptBlock {
        Remove-PodeCookie -Name 'theme'
        Write-PodeTextResponse -Value 'forgotten'
    }
}
