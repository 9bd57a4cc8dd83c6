Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # create a timer on demand: /api/timer?name=ping&seconds=5
    Add-PodeRoute -Method Get -Path '/api/timer' -ScriptBlock {
        $name = $WebEvent.Query['name']
        $seconds = [int]$WebEvent.Query['seconds']

        Add-PodeTimer -Name $name -Interval $seconds -ScriptBlock {
            # logic
            'tick' | Out-Default
        }

        Write-PodeJsonResponse -Value @{ Created = $name }
    }

    Add-PodeRoute -Method Get -Path '/api/ping' -ScriptBlock {
        Write-PodeTextResponse -Value 'pong'
    }
}
