Import-Module Pode
Import-Module -Name PSHTML -ErrorAction Stop

# a small site on PSHTML views: each view is a PowerShell script written with PSHTML's tags
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeViewEngine -Type PSHTML -Extension PS1 -ScriptBlock {
        param($path, $data)
        return [string](. $path $data)
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index' -Data @{
            Title   = 'Crew'
            Members = @('Rick', 'Morty')
        }
    }

    Add-PodeRoute -Method Get -Path '/about' -ScriptBlock {
        Write-PodeViewResponse -Path 'about'
    }
}
