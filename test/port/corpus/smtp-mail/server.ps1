<#
    A mail catcher for tests: an SMTP endpoint keeps the last email it received in the
    server's state, and an HTTP route shows it.
#>
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8085 -Protocol Http
    Add-PodeEndpoint -Address localhost -Port 2525 -Protocol Smtp

    New-PodeLogTerminalMethod | Enable-PodeLogErrorType

    Set-PodeState -Name 'LastMail' -Value @{} | Out-Null

    Add-PodeHandler -Type Smtp -Name 'Catcher' -ScriptBlock {
        $mail = @{
            From        = $SmtpEvent.Email.From
            To          = @($SmtpEvent.Email.To)
            Subject     = $SmtpEvent.Email.Subject
            Urgent      = $SmtpEvent.Email.IsUrgent
            Body        = $SmtpEvent.Email.Body.Trim()
            Attachments = $SmtpEvent.Email.Attachments.Length
        }
        Set-PodeState -Name 'LastMail' -Value $mail | Out-Null
        Write-PodeHost "mail from $($SmtpEvent.Email.From)"
    }

    Add-PodeRoute -Method Get -Path '/last' -ScriptBlock {
        Write-PodeJsonResponse -Value (Get-PodeState -Name 'LastMail')
    }
}
