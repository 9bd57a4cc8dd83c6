Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    $allowedColours = @('red', 'green', 'blue')
    $blockedUsers = @('eve', 'mallory')

    Add-PodeRoute -Method Get -Path '/colour/:colour' -ScriptBlock {
        $colour = $WebEvent.Parameters['colour']
        Write-PodeJsonResponse -Value @{
            Colour     = $colour
            Allowed    = $using:allowedColours -contains $colour
            AllowedIn  = $colour -in $using:allowedColours
            NotAllowed = $colour -notin $using:allowedColours
            Exact      = $using:allowedColours -ccontains $colour
        }
    }

    Add-PodeRoute -Method Get -Path '/login/:user' -ScriptBlock {
        $user = $WebEvent.Parameters['user']
        if ($using:blockedUsers -notcontains $user -and -not [string]::IsNullOrEmpty($user)) {
            Write-PodeTextResponse -Value "welcome $user"
        }
        else {
            Set-PodeResponseStatus -Code 403
        }
    }

    Add-PodeRoute -Method Get -Path '/truthy' -ScriptBlock {
        $checks = [ordered]@{}
        $values = [ordered]@{ 'empty-string' = ''; 'zero' = 0; 'text-zero' = '0'; 'text-false' = 'False'; 'empty-array' = @(); 'null' = $null; 'one' = 1 }
        foreach ($key in $values.Keys) {
            if ($values[$key]) { $checks[$key] = 'truthy' } else { $checks[$key] = 'falsy' }
        }
        Write-PodeJsonResponse -Value $checks
    }
}
