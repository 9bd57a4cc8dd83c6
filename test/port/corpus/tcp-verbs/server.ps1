<#
    A small line-based shop counter over TCP: a greeting on connect, verbs with parameters,
    a verb that asks a follow-up question, a catch-all and a quit verb, and a second
    endpoint for staff with a verb of its own.
#>
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 9100 -Protocol Tcp -Name 'Counter' -CRLFMessageEnd -Acknowledge 'Welcome to the Plumbus shop'
    Add-PodeEndpoint -Address localhost -Port 9101 -Protocol Tcp -Name 'Staff' -CRLFMessageEnd

    New-PodeLogTerminalMethod | Enable-PodeLogErrorType

    $prices = @{ plumbus = 12; fleeb = 3 }

    Add-PodeVerb -Verb 'PRICE :item' -ScriptBlock {
        $item = $TcpEvent.Parameters.item.ToLower()
        if ($using:prices.ContainsKey($item)) {
            Write-PodeTcpClient -Message "$($item) costs $($using:prices[$item]) schmeckles"
        }
        else {
            Write-PodeTcpClient -Message "We don't sell $($item)"
        }
    }

    Add-PodeVerb -Verb 'BUY :count :item' -ScriptBlock {
        $total = [int]$TcpEvent.Parameters.count * $using:prices[$TcpEvent.Parameters.item]
        Write-PodeTcpClient -Message "That will be $($total) schmeckles. Name for the order?"
        $name = Read-PodeTcpClient -CRLFMessageEnd
        Write-PodeTcpClient -Message "Thanks $($name), your order is on its way"
    }

    Add-PodeVerb -Verb 'STOCK' -EndpointName 'Staff' -ScriptBlock {
        Write-PodeTcpClient -Message "plumbus: 40"
    }

    Add-PodeVerb -Verb '*' -ScriptBlock {
        Write-PodeTcpClient -Message "Unknown command: $($TcpEvent.Request.Body)"
    }

    Add-PodeVerb -Verb 'BYE' -ScriptBlock {
        Write-PodeTcpClient -Message 'Come again'
        Close-PodeTcpClient
    }

    Add-PodeVerb -Verb 'QUIT' -Close
}
