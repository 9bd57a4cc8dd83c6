Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # the vault's back end: shared state here, a CLI or a REST service in real life
    Set-PodeState -Name 'vaultData' -Value @{ 'app/api' = @{ key = 'abc123'; region = 'eu' } } | Out-Null

    Register-PodeSecretVault -Name 'StateVault' -VaultParameters @{ Prefix = 'app/' } -ScriptBlock {
        param($config, $key)
        $data = Get-PodeState -Name 'vaultData'
        return $data["$($config.Prefix)$($key)"]
    } -SetScriptBlock {
        param($config, $key, $value)
        $data = Get-PodeState -Name 'vaultData'
        $data["$($config.Prefix)$($key)"] = $value
    } -RemoveScriptBlock {
        param($config, $key)
        $data = Get-PodeState -Name 'vaultData'
        $data.Remove("$($config.Prefix)$($key)")
    }

    # one member of the secret, and the whole of it
    Mount-PodeSecret -Name 'apiKey' -Vault 'StateVault' -Key 'api' -ExpandProperty 'key'
    Mount-PodeSecret -Name 'api' -Vault 'StateVault' -Key 'api'

    Add-PodeRoute -Method Get -Path '/api-key' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Key = $secret:apiKey }
    }

    Add-PodeRoute -Method Post -Path '/api-key' -ScriptBlock {
        $secret:apiKey = $WebEvent.Data.key
        Write-PodeJsonResponse -Value @{ Api = $secret:api }
    }

    Add-PodeRoute -Method Get -Path '/api' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Api = (Get-PodeSecret -Name 'api') }
    }

    # secrets by key, straight from the vault
    Add-PodeRoute -Method Get -Path '/adhoc/:key' -ScriptBlock {
        $value = Read-PodeSecret -Key $WebEvent.Parameters['key'] -Vault 'StateVault'
        Write-PodeJsonResponse -Value @{ Value = $value }
    }

    Add-PodeRoute -Method Post -Path '/adhoc/:key' -ScriptBlock {
        Set-PodeSecret -Key $WebEvent.Parameters['key'] -Vault 'StateVault' -InputObject $WebEvent.Data.value
        Mount-PodeSecret -Name $WebEvent.Data.name -Vault 'StateVault' -Key $WebEvent.Parameters['key']
        Write-PodeJsonResponse -Value @{ Mounted = (Test-PodeSecret -Name $WebEvent.Data.name) }
    }

    Add-PodeRoute -Method Get -Path '/mounted/:name' -ScriptBlock {
        if (!(Test-PodeSecret -Name $WebEvent.Parameters['name'])) {
            Set-PodeResponseStatus -Code 404
            return
        }
        Write-PodeJsonResponse -Value @{ Value = (Get-PodeSecret -Name $WebEvent.Parameters['name']) }
    }

    Add-PodeRoute -Method Delete -Path '/adhoc/:key' -ScriptBlock {
        Remove-PodeSecret -Key $WebEvent.Parameters['key'] -Vault 'StateVault'
        Dismount-PodeSecret -Name $WebEvent.Parameters['key']
        Write-PodeJsonResponse -Value @{ Value = (Read-PodeSecret -Key $WebEvent.Parameters['key'] -Vault 'StateVault') }
    }

    Add-PodeRoute -Method Get -Path '/vaults/:name' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ Exists = (Test-PodeSecretVault -Name $WebEvent.Parameters['name']) }
    }
}
