<#
.SYNOPSIS
    A small notes service: sign in with a form, then keep notes in your session.

.EXAMPLE
    ./server.ps1 -Port 8090
#>
param(
    [int]
    $Port = 8090
)

Import-Module Pode

function Test-NoteTitle {
    param([string]$Title)
    return (![string]::IsNullOrWhiteSpace($Title)) -and ($Title.Length -le 40)
}

function Get-NoteSummary {
    param($Notes)

    if ($null -eq $Notes) {
        $Notes = @()
    }
    $notes = @($Notes)
    return [ordered]@{
        Total  = $notes.Count
        Done   = @($notes | Where-Object { $_.Done }).Count
        Titles = @($notes | ForEach-Object { $_.Title } | Sort-Object)
    }
}

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port $Port -Protocol Http
    Enable-PodeSessionMiddleware -Duration 600 -Extend

    New-PodeAuthScheme -Form -UsernameField 'user' -PasswordField 'pass' | Add-PodeAuth -Name 'Notes' -FailureUrl '/signin' -SuccessUrl '/notes' -ScriptBlock {
        param($user, $pass)
        if ($pass -eq "$($user)123") {
            return @{ User = @{ Name = $user } }
        }
        return @{ Message = 'Wrong password' }
    }

    Add-PodeRoute -Method Get -Path '/signin' -Authentication Notes -Login -ScriptBlock {
        Write-PodeHtmlResponse -Value '<form method="post"><input name="user"><input name="pass"></form>'
    }
    Add-PodeRoute -Method Post -Path '/signin' -Authentication Notes -Login

    Add-PodeRoute -Method Get -Path '/notes' -Authentication Notes -ScriptBlock {
        $summary = Get-NoteSummary -Notes $WebEvent.Session.Data.Notes
        $summary.Owner = $WebEvent.Auth.User.Name
        Write-PodeJsonResponse -Value $summary
    }

    Add-PodeRoute -Method Post -Path '/notes' -Authentication Notes -ScriptBlock {
        $title = $WebEvent.Data.title
        if (!(Test-NoteTitle -Title $title)) {
            Write-PodeJsonResponse -StatusCode 422 -Value @{ Error = 'A title of 1 to 40 characters is required' }
            return
        }

        if ($null -eq $WebEvent.Session.Data.Notes) {
            $WebEvent.Session.Data.Notes = @()
        }

        $note = @{ Id = @($WebEvent.Session.Data.Notes).Count + 1; Title = $title; Done = $false }
        $WebEvent.Session.Data.Notes += $note
        Write-PodeJsonResponse -StatusCode 201 -Value $note
    }

    Add-PodeRoute -Method Post -Path '/notes/:id/done' -Authentication Notes -ScriptBlock {
        $id = [int]$WebEvent.Parameters['id']
        $note = $WebEvent.Session.Data.Notes | Where-Object { $_.Id -eq $id } | Select-Object -First 1
        if ($null -eq $note) {
            Set-PodeResponseStatus -Code 404
            return
        }
        $note.Done = $true
        Write-PodeJsonResponse -Value $note
    }

    Add-PodeRoute -Method Post -Path '/signout' -Authentication Notes -Logout
}
