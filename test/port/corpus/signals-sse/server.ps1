# A chat room over signals (WebSockets) and a progress feed over server-sent events.
# The page opens a WebSocket on /ws/chat; messages are broadcast to everyone in the room,
# '[date]' is answered to the sender only, and HTTP routes can announce or kick everyone.
Start-PodeServer -Threads 1 {
    Add-PodeEndpoint -Address localhost -Port 8090 -Protocol Http

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        $page = @"
<!DOCTYPE html>
<html>
<body>
<ul id="messages"></ul>
<script>
  const ws = new WebSocket('ws://' + location.host + '/ws/chat');
  ws.onmessage = (evt) => {
    const item = document.createElement('li');
    item.textContent = evt.data;
    document.getElementById('messages').append(item);
  };
</script>
</body>
</html>
"@
        Write-PodeHtmlResponse -Value $page
    }

    # each message sent on the room's socket
    Add-PodeSignalRoute -Path '/ws/chat' -ScriptBlock {
        $message = $SignalEvent.Data.Message
        if ($message -ieq '[date]') {
            Send-PodeSignal -Value ([datetime]::UtcNow.ToString('o')) -ClientId $SignalEvent.ClientId
        }
        else {
            Send-PodeSignal -Value @{ From = $SignalEvent.ClientId; Message = $message } -Path '/ws/chat'
        }
    }

    Register-PodeSignalEvent -Name '/ws/chat' -Type Connect -EventName 'Joined' -ScriptBlock {
        Send-PodeSignal -Value @{ Joined = $TriggeredEvent.Connection.ClientId } -Path '/ws/chat'
    }

    Add-PodeRoute -Method Post -Path '/announce' -ScriptBlock {
        $text = $WebEvent.Data.text
        if ([string]::IsNullOrWhiteSpace($text)) {
            Set-PodeResponseStatus -Code 400
            return
        }
        Send-PodeSignal -Value @{ Announcement = $text } -Path '/ws/chat' -Depth 2
        Write-PodeJsonResponse -Value @{ sent = $true; text = $text }
    }

    Add-PodeRoute -Method Post -Path '/kick' -ScriptBlock {
        Close-PodeSignalConnection -Name '/ws/chat'
        Set-PodeResponseStatus -Code 204
    }

    # a progress feed: the stream ends with the route (local scope)
    Add-PodeRoute -Method Get -Path '/progress' -ScriptBlock {
        ConvertTo-PodeSseConnection -Name 'Progress' -Scope Local -RetryDuration 2000
        foreach ($step in 1..3) {
            Send-PodeSseEvent -FromEvent -Data @{ Step = $step } -EventType 'progress' -Id "$step"
        }
    }

    # news for every reader, kept open (global scope)
    Set-PodeSseBroadcastLevel -Name 'Private' -Type ClientId
    Add-PodeRoute -Method Get -Path '/news' -ScriptBlock {
        ConvertTo-PodeSseConnection -Name 'News' -Group 'readers' -AllowAllOrigins
    }

    Add-PodeRoute -Method Post -Path '/news' -ScriptBlock {
        Send-PodeSseEvent -Name 'News' -Group 'readers' -Data $WebEvent.Data.headline -EventType 'headline'
        Write-PodeJsonResponse -Value @{ published = $WebEvent.Data.headline }
    }

    Add-PodeRoute -Method Post -Path '/private' -ScriptBlock {
        Send-PodeSseEvent -Name 'Private' -Data 'for everyone'
        Write-PodeJsonResponse -Value @{ sent = $true }
    }

    Add-PodeRoute -Method Delete -Path '/news' -ScriptBlock {
        Close-PodeSseConnection -Name 'News' -Group 'readers'
        Set-PodeResponseStatus -Code 204
    }
}
