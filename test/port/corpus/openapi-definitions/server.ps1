# Two versions of one API, each with its own OpenAPI document: each version's routes are added
# inside Select-PodeOADefinition, so they are described in that version's document only (with
# -DisableMinimalDefinitions a document lists its own described routes, and no others).
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8086 -Protocol Http

    Enable-PodeOpenApi -Path '/docs/openapi' -DisableMinimalDefinitions
    Enable-PodeOpenApi -Path '/docs/v2/openapi' -DefinitionTag 'v2' -DisableMinimalDefinitions
    Add-PodeOAInfo -Title 'Pets' -Version '1.0.0'

    Select-PodeOADefinition -Tag 'default' -ScriptBlock {
        Add-PodeRoute -Method Get -Path '/api/v1/pets' -PassThru -ScriptBlock {
            Write-PodeJsonResponse -Value @(@{ name = 'Rex' })
        } | Set-PodeOARouteInfo -Summary 'The pets, as a list' -OperationId 'listPetsV1'
    }

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeTextResponse -Value 'ok'
    }

    Select-PodeOADefinition -Tag 'v2' -ScriptBlock {
        Add-PodeOAInfo -Title 'Pets' -Version '2.0.0' -Description 'The second version'

        # chained properties: the object collects the ones piped into it
        New-PodeOAIntProperty -Name 'id' -Required |
            New-PodeOAStringProperty -Name 'name' -Required |
            New-PodeOAObjectProperty |
            Add-PodeOAComponentSchema -Name 'Pet'

        Add-PodeRoute -Method Get -Path '/api/v2/pets' -PassThru -ScriptBlock {
            Write-PodeJsonResponse -Value @{ pets = @(@{ name = 'Rex'; age = 3 }) }
        } | Set-PodeOARouteInfo -Summary 'All the pets' -OperationId 'listPets'

        Add-PodeRoute -Method Post -Path '/api/v2/pets' -PassThru -ScriptBlock {
            Write-PodeJsonResponse -StatusCode 201 -Value @{ name = $WebEvent.Data.name }
        } | Set-PodeOARouteInfo -Summary 'Add a pet' -OperationId 'addPet'
    }
}
