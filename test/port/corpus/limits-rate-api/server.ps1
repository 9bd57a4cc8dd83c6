# A small search API behind rate limits: per client IP on the search route, per API key for
# writes, and Pode's older per-route rule on the export.
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8090 -Protocol Http

    # two searches per client per minute
    Add-PodeLimitRateRule -Name 'search' -Limit 2 -Duration 60000 -Component @(
        New-PodeLimitIPComponent
        New-PodeLimitRouteComponent -Path '/api/search'
    )

    # one write per API key per minute; requests without a key are not counted here
    Add-PodeLimitRateRule -Name 'writes' -Limit 1 -Component @(
        New-PodeLimitMethodComponent -Method Post
        New-PodeLimitHeaderComponent -Name 'X-Api-Key'
    )

    # the export is expensive: once every 30 seconds for everyone
    Add-PodeLimitRule -Type Route -Values '/api/export' -Limit 1 -Seconds 30

    $books = @('Dune', 'Emma', 'Ulysses')

    Add-PodeRoute -Method Get -Path '/api/search' -ScriptBlock {
        $term = $WebEvent.Query['q']
        Write-PodeJsonResponse -Value @{ Term = $term; Known = ($using:books -contains $term) }
    }

    Add-PodeRoute -Method Post -Path '/api/books' -ScriptBlock {
        Write-PodeJsonResponse -StatusCode 201 -Value @{ Added = $WebEvent.Data.Title }
    }

    Add-PodeRoute -Method Get -Path '/api/export' -ScriptBlock {
        Write-PodeTextResponse -Value ($using:books -join "`n")
    }

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Status = 'ok' }
    }
}
