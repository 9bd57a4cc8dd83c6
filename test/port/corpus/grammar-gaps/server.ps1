#Requires -Version 7.0
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # a route added early with its logic still to come: Pode accepts an empty block
    Add-PodeRoute -Method Get -Path '/todo' -ScriptBlock {
        # logic goes here later
    }

    # one route for two methods, written as a bareword list
    Add-PodeRoute -Method Get, Post -Path '/both' -ScriptBlock {
        Write-PodeTextResponse -Value "you sent a $($WebEvent.Method)"
    }

    # PowerShell 7 leading-pipe continuation
    Add-PodeRoute -Method Get -Path '/evens' -ScriptBlock {
        $evens = 1..10
            | Where-Object { $_ % 2 -eq 0 }
            | ForEach-Object { $_ * 10 }
        Write-PodeJsonResponse -Value @{ Evens = @($evens) }
    }

    # one-line switch clauses
    Add-PodeRoute -Method Get -Path '/size/:n' -ScriptBlock {
        $n = [int]$WebEvent.Parameters['n']
        $size = switch ($n) { { $_ -lt 10 } { 'small' } { $_ -lt 100 } { 'medium' } default { 'large' } }
        Write-PodeTextResponse -Value (@($size)[0])
    }

    # a middleware whose body is only a comment still has to pass through
    Add-PodeMiddleware -Name 'Placeholder' -ScriptBlock {
        # nothing yet
        return $true
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock { Write-PodeTextResponse -Value 'root' }
}
