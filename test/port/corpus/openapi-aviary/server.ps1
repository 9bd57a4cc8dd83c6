# An aviary's API with two OpenAPI definitions: v1 is served on the public endpoint, v2 on the
# staff endpoint only. The bird routes belong to both definitions (one Select-PodeOADefinition
# with two tags); the records live in a module (Birds.psm1) and the settings in server.psd1.
param(
    [switch]
    $Reset
)

try {
    $AviaryPath = Split-Path -Parent -Path $MyInvocation.MyCommand.Path
    Import-Module -Name Pode -MaximumVersion 2.99 -ErrorAction Stop
    Import-Module -Name "$AviaryPath/Birds.psm1" -ErrorAction Stop
}
catch { throw }

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port (Get-PodeConfig).Port -Protocol Http -Name 'public'
    Add-PodeEndpoint -Address localhost -Port ((Get-PodeConfig).Port + 1) -Protocol Http -Name 'staff'

    $photos = Join-Path -Path $AviaryPath -ChildPath 'photos'
    if (!(Test-Path -Path $photos -PathType Container)) {
        New-Item -ItemType Directory -Path $photos -Force | Out-Null
    }

    Initialize-Birds -Reset:$Reset

    Enable-PodeOpenApi -Path '/docs/openapi' -DefinitionTag 'v1' -DisableMinimalDefinitions -NoDefaultResponses -EndpointName 'public'
    Enable-PodeOpenApi -Path '/docs/openapi' -DefinitionTag 'v2' -OpenApiVersion '3.1.0' -DisableMinimalDefinitions -NoDefaultResponses -EndpointName 'staff'
    Add-PodeOAInfo -Title (Get-PodeConfig).Aviary.Name -Version '1.0.0' -DefinitionTag 'v1', 'v2'
    Enable-PodeOAViewer -Bookmarks -Path '/docs' -DefinitionTag 'v1'
    Enable-PodeOAViewer -Bookmarks -Path '/docs' -DefinitionTag 'v2'

    Select-PodeOADefinition -Tag 'v1', 'v2' -Scriptblock {
        New-PodeOAIntProperty -Name 'id' -XmlAttribute -Required |
            New-PodeOAStringProperty -Name 'name' -XmlPrefix 'av' -XmlNamespace 'http://example.com/aviary' -Required |
            New-PodeOAIntProperty -Name 'wingspan' |
            New-PodeOAStringProperty -Name 'calls' -Array -XmlWrapped -XmlItemName 'call' |
            New-PodeOAObjectProperty -XmlName 'bird' |
            Add-PodeOAComponentSchema -Name 'Bird'

        New-PodeOASchemaProperty -Name 'birds' -Reference 'Bird' -Array -XmlWrapped |
            New-PodeOAObjectProperty -XmlName 'flock' |
            Add-PodeOAComponentSchema -Name 'Flock'

        Add-PodeRoute -PassThru -Method Get -Path '/birds/:id' -ScriptBlock {
            $bird = Get-Bird -Id $WebEvent.Parameters['id']
            if ($null -eq $bird) {
                Write-PodeJsonResponse -StatusCode 404 -Value @{ message = 'No such bird' }
                return
            }
            Write-PodeJsonResponse -Value $bird
        } | Set-PodeOARouteInfo -Summary 'One bird' -OperationId 'getBird' -PassThru |
            Set-PodeOARequest -Parameters (New-PodeOAIntProperty -Name 'id' -Required | ConvertTo-PodeOAParameter -In Path) -PassThru |
            Add-PodeOAResponse -StatusCode 200 -Description 'The bird' -Content (New-PodeOAContentMediaType -ContentType 'application/json', 'application/xml' -Content 'Bird') -PassThru |
            Add-PodeOAResponse -Default -Description 'Something went wrong'
    }

    Select-PodeOADefinition -Tag 'v2' -Scriptblock {
        Add-PodeRoute -PassThru -Method Get -Path '/limits' -ScriptBlock {
            Write-PodeJsonResponse -Value @{ maxUpload = (Get-PodeConfig).Aviary.MaxUpload }
        } | Set-PodeOARouteInfo -Summary 'Upload limits' -OperationId 'getLimits'
    }
}
