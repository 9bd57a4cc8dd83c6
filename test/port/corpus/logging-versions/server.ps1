<#
    Newer logging: -Version 2 log types and methods, a raw log type, the request URL as a .NET
    Uri, a $script: variable set in the set-up, and Out-PodeVariable.
#>
param(
    [int]
    $Port = 8085
)

Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port $Port -Protocol Http

    # a method that keeps the last batch it was given, and a type that shapes each event
    $auditMethod = New-PodeLogCustomMethod -Version 2 -ScriptBlock {
        param($items, $label)
        foreach ($item in $items) {
            Lock-PodeObject -ScriptBlock {
                Set-PodeState -Name 'lastAudit' -Value "$($label): $($item.Data.Verb) $($item.Data.Where) at $($item.Event.Level)" | Out-Null
            }
        }
    } -ArgumentList 'audit'

    $auditMethod | Add-PodeLogType -Name 'audit' -Version 2 -Levels Informational, Warning -ScriptBlock {
        param($logEvent)
        return @{
            Verb  = $logEvent.Data.Method
            Where = $logEvent.Data.Path
        }
    }

    New-PodeLogTerminalMethod | Add-PodeLogType -Name 'ids' -Raw

    $script:greeting = 'hello from the set-up'

    Add-PodeRoute -Method Get -Path '/where' -ScriptBlock {
        $url = $WebEvent.Request.Url
        @{ Method = 'GET'; Path = $url.AbsolutePath } | Write-PodeLog -Name 'audit' -Level Warning
        Write-PodeJsonResponse -Value @{
            Path    = $url.AbsolutePath
            Query   = $url.Query
            Default = $url.IsDefaultPort
        }
    }

    Add-PodeRoute -Method Get -Path '/audit' -ScriptBlock {
        Write-PodeTextResponse -Value ("$(Get-PodeState -Name 'lastAudit')")
    }

    Add-PodeRoute -Method Get -Path '/greeting' -ScriptBlock {
        $WebEvent.Path | Write-PodeLog -Name 'ids'
        Write-PodeTextResponse -Value $script:greeting
    }

    Add-PodeRoute -Method Post -Path '/keep' -ScriptBlock {
        Out-PodeVariable -Name 'Kept' -Value $WebEvent.Data.value
        Set-PodeResponseStatus -Code 204
    }
}
