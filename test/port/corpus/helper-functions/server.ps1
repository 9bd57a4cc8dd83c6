Import-Module Pode

# helpers used by the routes: Pode imports script functions into its runspaces

function ConvertTo-Slug {
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Text
    )

    $slug = $Text.ToLower().Trim()
    $slug = $slug -replace '[^a-z0-9\s-]', ''
    $slug = $slug -replace '\s+', '-'
    return $slug
}

function Get-ReadingTime {
    param([string]$Text, [int]$WordsPerMinute = 200)

    $words = ($Text -split '\s+' | Where-Object { $_ -ne '' }).Count
    return [Math]::Max(1, [Math]::Ceiling($words / $WordsPerMinute))
}

function New-ApiError($Code, $Message) {
    Write-PodeJsonResponse -StatusCode $Code -Value @{ error = @{ code = $Code; message = $Message } }
}

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Add-PodeRoute -Method Post -Path '/posts' -ScriptBlock {
        $title = $WebEvent.Data.title
        $body = $WebEvent.Data.body

        if ([string]::IsNullOrWhiteSpace($title)) {
            New-ApiError -Code 422 -Message 'title is required'
            return
        }

        Write-PodeJsonResponse -StatusCode 201 -Value @{
            slug    = ConvertTo-Slug -Text $title
            minutes = Get-ReadingTime -Text $body
        }
    }

    Add-PodeRoute -Method Get -Path '/slug' -ScriptBlock {
        Write-PodeTextResponse -Value (ConvertTo-Slug $WebEvent.Query['text'])
    }
}
