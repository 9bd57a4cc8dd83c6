Import-Module Pode
Import-Module -Name EPS -ErrorAction Stop

# a small site on EPS templates: <%= %> expressions, a foreach with -%> trimming, a comment,
# and a literal <%%; Get-Module lists what the script imported
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    Set-PodeViewEngine -Type EPS -ScriptBlock {
        param($path, $data)
        $template = Get-Content -Path $path -Raw -Force
        if ($null -eq $data) {
            return (Invoke-EpsTemplate -Template $template)
        }
        return (Invoke-EpsTemplate -Template $template -Binding $data)
    }

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index' -Data @{
            Title   = 'Crew'
            Members = @('Rick', 'Morty', 'Summer')
            Motto   = '<b>wubba lubba</b>'
        }
    }

    Add-PodeRoute -Method Get -Path '/modules' -ScriptBlock {
        $names = (Get-Module | ForEach-Object { $_.Name }) -join ','
        Write-PodeTextResponse -Value $names
    }
}
