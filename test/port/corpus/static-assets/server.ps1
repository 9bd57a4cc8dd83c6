Import-Module Pode

Start-PodeServer -Threads 2 {
    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http

    # serve ./public under /assets, with index.html for the folder itself
    Add-PodeStaticRoute -Path '/assets' -Source './public' -Defaults @('index.html')

    # files under /downloads are always attachments
    Add-PodeStaticRoute -Path '/downloads' -Source './files' -DownloadOnly

    Add-PodeRoute -Method Get -Path '/' -ScriptBlock {
        Write-PodeHtmlResponse -Value '<link rel="stylesheet" href="/assets/site.css"><p>styled</p>'
    }

    # a route that hands out a file as a download
    Add-PodeRoute -Method Get -Path '/report' -ScriptBlock {
        Set-PodeResponseAttachment -Path '/downloads/report.txt'
    }

    # a file sent from a route
    Add-PodeRoute -Method Get -Path '/readme' -ScriptBlock {
        Write-PodeFileResponse -Path './files/report.txt' -ContentType 'text/plain'
    }
}
