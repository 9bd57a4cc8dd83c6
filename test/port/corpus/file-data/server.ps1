Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # files kept beside the server script
    $dataPath = Join-Path $PSScriptRoot 'data'

    Add-PodeRoute -Method Get -Path '/motd' -ScriptBlock {
        $path = Join-Path $using:dataPath 'motd.txt'
        $lines = Get-Content -Path $path
        Write-PodeJsonResponse -Value @{ Lines = @($lines); First = $lines[0]; Count = $lines.Count }
    }

    Add-PodeRoute -Method Get -Path '/config' -ScriptBlock {
        $config = Get-Content -Path (Join-Path $using:dataPath 'config.json') -Raw | ConvertFrom-Json
        Write-PodeJsonResponse -Value @{ Site = $config.siteName; Features = $config.features.Count; Max = $config.maxItems }
    }

    Add-PodeRoute -Method Get -Path '/files/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        if ($name -match '[\\/]' -or $name.StartsWith('.')) {
            Set-PodeResponseStatus -Code 400
            return
        }

        $path = Join-Path $using:dataPath $name
        if (!(Test-Path -Path $path -PathType Leaf)) {
            Write-PodeJsonResponse -StatusCode 404 -Value @{ Error = "No file named $name" }
            return
        }

        Write-PodeTextResponse -Value (Get-Content -Path $path -Raw)
    }

    Add-PodeRoute -Method Get -Path '/exists' -ScriptBlock {
        Write-PodeJsonResponse -Value @{
            Data   = Test-Path $using:dataPath -PathType Container
            Motd   = Test-Path (Join-Path $using:dataPath 'motd.txt')
            Nope   = Test-Path './nope.txt'
        }
    }
}
