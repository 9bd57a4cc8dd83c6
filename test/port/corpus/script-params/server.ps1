param(
    [Parameter()]
    [int]
    $Port = 8085,

    [string]
    $Greeting = 'Howdy',

    [switch]
    $Shout
)

Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port $Port -Protocol Http

    Add-PodeRoute -Method Get -Path '/greet/:name' -ScriptBlock {
        $text = "$($using:Greeting), $($WebEvent.Parameters['name'])"
        if ($using:Shout) {
            $text = $text.ToUpper()
        }
        Write-PodeTextResponse -Value $text
    }

    Add-PodeRoute -Method Get -Path '/config' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Greeting = $using:Greeting; Shout = [bool]$using:Shout }
    }
}
