# A price relay: when asked to, the server subscribes to an upstream price feed over a
# WebSocket, acknowledges each high price on the same socket, and reports whether the feed is
# connected. Unsubscribing closes the socket and forgets it.
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8093 -Protocol Http

    # at most two price messages are handled at once
    Set-PodeWebSocketConcurrency -Maximum 2

    Add-PodeRoute -Method Post -Path '/feed' -ScriptBlock {
        $url = $WebEvent.Data.url
        if ([string]::IsNullOrWhiteSpace($url)) {
            Set-PodeResponseStatus -Code 400
            return
        }

        Connect-PodeWebSocket -Name 'Feed' -Url $url -ContentType 'application/json' -ScriptBlock {
            if ($WsEvent.Data.price -gt 100) {
                Send-PodeWebSocket -Message @{ ack = $WsEvent.Data.id } -Depth 2
            }
        }

        Write-PodeJsonResponse -Value @{ connected = (Test-PodeWebSocket -Name 'Feed') }
    }

    Add-PodeRoute -Method Get -Path '/feed' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ connected = (Test-PodeWebSocket -Name 'Feed') }
    }

    Add-PodeRoute -Method Put -Path '/feed' -ScriptBlock {
        Reset-PodeWebSocket -Name 'Feed' -Url $WebEvent.Data.url
        Set-PodeResponseStatus -Code 204
    }

    Add-PodeRoute -Method Delete -Path '/feed' -ScriptBlock {
        Disconnect-PodeWebSocket -Name 'Feed'
        Remove-PodeWebSocket -Name 'Feed'
        Set-PodeResponseStatus -Code 204
    }
}
