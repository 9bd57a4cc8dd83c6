# A team board: browsers open their WebSocket through an ordinary route (the manual upgrade),
# so the route's authentication decides who gets a socket, and each socket joins its team's
# group. A lobby socket only lives while its route runs; SSE connection events watch readers.
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8092 -Protocol Http
    Add-PodeEndpoint -Address localhost -Port 8092 -Protocol Ws -NoAutoUpgradeWebSockets

    New-PodeAuthScheme -Basic | Add-PodeAuth -Name 'Board' -Sessionless -ScriptBlock {
        param($username, $password)
        if ($username -eq 'ana' -and $password -eq 'secret') {
            return @{ User = @{ Name = 'Ana'; Team = 'blue' } }
        }
        return $null
    }

    Register-PodeSignalEvent -Name 'Board', 'Lobby' -Type Connect -EventName 'Joined' -ScriptBlock {
        "joined $($TriggeredEvent.Name): $($TriggeredEvent.Connection.ClientId)" | Out-Default
    }

    Register-PodeSseEvent -Name 'Tickets' -Type Disconnect -EventName 'Left' -ScriptBlock {
        "reader left: $($TriggeredEvent.Connection.ClientId)" | Out-Default
    }

    # the socket is opened here, once the route's authentication let the request through
    Add-PodeRoute -Method Get -Path '/board' -Authentication 'Board' -ScriptBlock {
        ConvertTo-PodeSignalConnection -Name 'Board' -Group $WebEvent.Auth.User.Team
        Send-PodeSignal -Name 'Board' -Group $WebEvent.Signal.Group -Value @{ joined = $WebEvent.Auth.User.Name }
    }

    Add-PodeRoute -Method Get -Path '/lobby' -ScriptBlock {
        ConvertTo-PodeSignalConnection -Name 'Lobby' -Scope Local
        Send-PodeSignal -Name 'Lobby' -Value 'welcome, this socket closes now'
    }

    # what a board socket sends goes to its team only
    Add-PodeSignalRoute -Path '/board' -ScriptBlock {
        Send-PodeSignal -Name 'Board' -Group $SignalEvent.Data.Group -Value @{ says = $SignalEvent.Data.Message }
    }

    Add-PodeRoute -Method Post -Path '/board/:team' -ScriptBlock {
        Send-PodeSignal -Name 'Board' -Group $WebEvent.Parameters['team'] -Value $WebEvent.Data
        Write-PodeJsonResponse -Value @{ sent = $WebEvent.Parameters['team'] }
    }

    Add-PodeRoute -Method Delete -Path '/board/:team' -ScriptBlock {
        Close-PodeSignalConnection -Name 'Board' -Group $WebEvent.Parameters['team']
        Set-PodeResponseStatus -Code 204
    }

    Add-PodeRoute -Method Get -Path '/tickets' -ScriptBlock {
        ConvertTo-PodeSseConnection -Name 'Tickets' -Scope Local
        Send-PodeSseEvent -FromEvent -EventType 'ticket' -Data @{ id = 1 }
    }
}
