Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # middleware from a hashtable on the pipeline, with arguments
    $limits = @{
        Logic     = {
            param($maxParameters)
            if ($WebEvent.Query.Count -gt $maxParameters) {
                Set-PodeResponseStatus -Code 414
                return $false
            }
            return $true
        }
        Arguments = @(2)
    }
    $limits | Add-PodeMiddleware -Name 'QueryLimit'

    # a middleware with -ArgumentList
    Add-PodeMiddleware -Name 'Banner' -ArgumentList 'corpus' -ScriptBlock {
        param($product)
        Set-PodeHeader -Name 'X-Powered-By' -Value $product
        return $true
    }

    # a route with -ArgumentList: the values arrive as parameters
    Add-PodeRoute -Method Get -Path '/greet' -ArgumentList 'Hello', 3 -ScriptBlock {
        param($word, $times)
        $text = (@($word) * $times) -join ' '
        Write-PodeTextResponse -Value $text
    }
}
