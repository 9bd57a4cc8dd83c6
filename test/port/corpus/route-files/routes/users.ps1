# user routes

Add-PodeRoute -Method Get -Path '/users' -ScriptBlock {
    Write-PodeJsonResponse -Value @(
        @{ Id = 1; Name = 'Rick' },
        @{ Id = 2; Name = 'Morty' }
    )
}

Add-PodeRoute -Method Get -Path '/users/:id' -ScriptBlock {
    $id = $WebEvent.Parameters['id']
    if ($id -notmatch '^\d+$') {
        Write-PodeJsonResponse -StatusCode 400 -Value @{ Error = 'id must be a number' }
        return
    }
    Write-PodeJsonResponse -Value @{ Id = [int]$id }
}
