Import-Module Pode

# shared settings changed through a state value's methods, keys and properties
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeState -Name 'settings' -Value @{ Changes = 0 } | Out-Null

    Add-PodeRoute -Method Post -Path '/settings' -ScriptBlock {
        $key = $WebEvent.Data['key']
        Lock-PodeObject -ScriptBlock {
            $state:settings.Add($key, $WebEvent.Data['value'])
            $state:settings['LastKey'] = $key
            $state:settings.Changes += 1
        }
        Write-PodeJsonResponse -Value $state:settings
    }

    Add-PodeRoute -Method Delete -Path '/settings/:key' -ScriptBlock {
        $state:settings.Remove($WebEvent.Parameters['key'])
        Write-PodeJsonResponse -Value $state:settings
    }

    Add-PodeRoute -Method Post -Path '/settings/reset' -ScriptBlock {
        $settings = Get-PodeState -Name 'settings'
        $settings.Remove('LastKey')
        $settings.Changes = 0
        Write-PodeJsonResponse -Value (Get-PodeState -Name 'settings')
    }
}
