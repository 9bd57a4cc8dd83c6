Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # state from a previous run, when there is one
    Restore-PodeState -Path './state.json'

    if (!(Test-PodeState -Name 'visits')) {
        Set-PodeState -Name 'visits' -Value 0 -Scope 'counters' | Out-Null
    }
    Set-PodeState -Name 'inventory' -Value @{ Items = @(); Total = 0 } -Scope 'shop' | Out-Null
    Set-PodeState -Name 'secret' -Value 'hidden' | Out-Null

    Add-PodeRoute -Method Get -Path '/visit' -ScriptBlock {
        Lock-PodeObject -ScriptBlock {
            $state:visits++
        }
        Write-PodeJsonResponse -Value @{ Visits = $state:visits }
    }

    Add-PodeRoute -Method Post -Path '/items' -ScriptBlock {
        $item = $WebEvent.Data['name']
        Lock-PodeObject -Object $WebEvent.Lockable -ScriptBlock {
            $state:inventory.Items += $item
            $inventory = Get-PodeState -Name 'inventory'
            $inventory.Total = $inventory.Total + 1
        }
        Write-PodeJsonResponse -Value (Get-PodeState -Name 'inventory')
    }

    Add-PodeRoute -Method Get -Path '/names' -ScriptBlock {
        $names = Get-PodeStateNames -Scope 'shop', 'counters' | Sort-Object
        Write-PodeJsonResponse -Value @{ Names = @($names) }
    }

    Add-PodeRoute -Method Post -Path '/save' -ScriptBlock {
        Save-PodeState -Path './state.json' -Exclude 'secret'
        Write-PodeJsonResponse -Value @{ Saved = $true }
    }

    Add-PodeRoute -Method Delete -Path '/state/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        Remove-PodeState -Name $name | Out-Null
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeState -Name $name) }
    }

    Add-PodeRoute -Method Post -Path '/restore' -ScriptBlock {
        Restore-PodeState -Path './state.json' -Merge
        Write-PodeJsonResponse -Value @{ Visits = $state:visits; Secret = (Get-PodeState -Name 'secret') }
    }
}
