Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # a request id on every response, from the client when it sends one
    Add-PodeMiddleware -Name 'RequestId' -ScriptBlock {
        $id = Get-PodeHeader -Name 'X-Request-Id'
        if ([string]::IsNullOrEmpty($id)) {
            $id = 'generated'
        }
        Set-PodeHeader -Name 'X-Request-Id' -Value $id
        return $true
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Add-PodeHeader -Name 'X-Served-By' -Value 'pode'
        Write-PodeJsonResponse -Value @{
            Method = $WebEvent.Method
            Path   = $WebEvent.Path
            Agent  = $WebEvent.Request.Headers['User-Agent']
        }
    }

    Add-PodeRoute -Method Get -Path '/echo-header/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        $value = Get-PodeHeader -Name $name
        if ($null -eq $value) {
            Write-PodeTextResponse -Value "no $name header" -StatusCode 404
        }
        else {
            Write-PodeTextResponse -Value "$name=$value"
        }
    }

    # endware runs after every request, even 404s
    Add-PodeEndware -ScriptBlock {
        Write-Host "$($WebEvent.Method.ToUpper()) $($WebEvent.Path) -> $($WebEvent.Response.StatusCode)"
    }
}
