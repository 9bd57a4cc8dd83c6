# A notification service: clients register callback URLs, the API documents the callback it
# sends as an OpenAPI 3.1 webhook. Uses the editor-free viewers, bookmarks, component parameters
# and Invoke-RestMethod to call the subscribers.
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8090 -Protocol Http
    New-PodeLogTerminalMethod | Enable-PodeLogErrorType

    Set-PodeState -Name 'hooks' -Value @{} | Out-Null

    Enable-PodeOpenApi -Path '/docs/openapi' -OpenApiVersion '3.1.0' -DisableMinimalDefinitions -NoDefaultResponses
    Add-PodeOAInfo -Title 'Notifier' -Version 0.3.0 -Description 'Callbacks on events'
    $docs = New-PodeOAExternalDoc -Description 'The handbook' -Url 'https://example.com/handbook'
    $docs | Add-PodeOAExternalDoc

    Enable-PodeOAViewer -Type Swagger -Path '/docs/swagger'
    Enable-PodeOpenApiViewer -Type ReDoc -Path '/docs/redoc'
    Enable-PodeOAViewer -Bookmarks -Path '/docs'

    New-PodeOAStringProperty -Name 'event' -Required |
        New-PodeOAIntProperty -Name 'sequence' -Required |
        New-PodeOAObjectProperty -NoAdditionalProperties |
        Add-PodeOAComponentSchema -Name 'Event'

    New-PodeOAStringProperty -Name 'name' -Required |
        ConvertTo-PodeOAParameter -In Path |
        Add-PodeOAComponentParameter -Name 'HookName'

    Add-PodeRoute -Method Put -Path '/hooks/:name' -ScriptBlock {
        $name = $WebEvent.Parameters['name']
        Lock-PodeObject -ScriptBlock {
            $state:hooks[$name] = $WebEvent.Data.url
        }
        Write-PodeHost "registered $name" -NoNewLine
        Write-PodeJsonResponse -Value @{ name = $name; url = $WebEvent.Data.url } -StatusCode 201
    } -PassThru | Set-PodeOARouteInfo -Summary 'Register a callback' -OperationId 'register' -PassThru |
        Set-PodeOARequest -Parameters (ConvertTo-PodeOAParameter -Reference 'HookName') -RequestBody (
            New-PodeOARequestBody -Required -Content @{ 'application/json' = (New-PodeOAStringProperty -Name 'url' -Required -Object) }
        ) -PassThru |
        Add-PodeOAResponse -StatusCode 201 -PassThru |
        Add-PodeOAResponse -StatusCode 400

    Add-PodeRoute -Method Get -Path '/hooks' -ScriptBlock {
        Write-PodeJsonResponse -Value @{ count = $state:hooks.Count }
    } -PassThru | Set-PodeOARouteInfo -Summary 'How many callbacks are registered' -OperationId 'countHooks'

    Add-PodeRoute -Method Post -Path '/fire' -ScriptBlock {
        $sent = 0
        foreach ($url in $state:hooks.Values) {
            try {
                $answer = Invoke-RestMethod -Uri $url -Method Post -Body (@{ event = 'fired'; sequence = 1 } | ConvertTo-Json) -ContentType 'application/json'
                $sent++
            }
            catch {
                Write-PodeHost "failed: $url"
            }
        }
        Write-PodeHost @{ sent = $sent } -Explode
        Write-PodeJsonResponse -Value @{ sent = $sent }
    }

    Add-PodeOAWebhook -Name 'eventFired' -Method Post -PassThru |
        Set-PodeOARouteInfo -Summary 'Sent to each callback when an event fires' -OperationId 'eventFired' -PassThru |
        Set-PodeOARequest -RequestBody (New-PodeOARequestBody -Required -Content @{ 'application/json' = 'Event' }) -PassThru |
        Add-PodeOAResponse -StatusCode 200 -Description 'The callback took the event'
}
