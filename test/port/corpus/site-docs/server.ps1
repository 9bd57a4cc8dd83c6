try {
    # use the Pode module beside this script when there is one, else the installed one
    $ScriptPath = (Split-Path -Parent -Path $MyInvocation.MyCommand.Path)
    $podePath = Split-Path -Parent -Path $ScriptPath
    if (Test-Path -Path "$($podePath)/src/Pode.psm1" -PathType Leaf) {
        Import-Module "$($podePath)/src/Pode.psm1" -Force -ErrorAction Stop
    }
    else {
        Import-Module -Name 'Pode' -MaximumVersion 2.99 -ErrorAction Stop
    }
}
catch { throw }

# A small documentation site: Markdown pages as views, a static docs folder that redirects to
# its index page, and custom error pages from a folder of their own.
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # pages are written in Markdown and rendered to HTML
    Set-PodeViewEngine -Type Markdown

    # error pages live in ./pages instead of ./errors
    Set-PodeDefaultFolder -Type Errors -Path './pages'

    # /docs redirects to /docs/index.html instead of serving it in place
    Add-PodeStaticRoute -Path '/docs' -Source './docs' -Defaults @('index.html') -RedirectToDefault

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeViewResponse -Path 'index'
    }

    Add-PodeRoute -Method Get -Path '/changelog' -ScriptBlock {
        Write-PodeViewResponse -Path 'changelog.md'
    }

    Add-PodeRoute -Method Get -Path '/private' -ScriptBlock {
        Set-PodeResponseStatus -Code 403
    }
}
