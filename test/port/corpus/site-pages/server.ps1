Import-Module Pode

# a small shop site made of pages: a view, a plain HTML file, and two computed pages
Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http
    Set-PodeViewEngine -Type Pode

    Add-PodePage -Name Home -View 'home' -Data @{ 'shop' = 'Corner Shop' }
    Add-PodePage -Name Terms -Path '/legal' -FilePath '.\pages\terms.html'

    # a page made from objects: written as an HTML table
    Add-PodePage -Name Stock -ScriptBlock {
        @(
            [ordered]@{ Item = 'apples'; Count = 12 },
            [ordered]@{ Item = 'pears'; Count = 3 }
        )
    }

    # -Data is splatted onto the script block's parameters
    Add-PodePage -Name Greeting -Data @{ Who = 'visitor' } -ScriptBlock {
        param($Who)
        "<p>Welcome, $($Who)!</p>"
    }
}
