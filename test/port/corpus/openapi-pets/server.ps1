# A pet shop API described with OpenAPI: the document, a Swagger viewer, and a body checked
# against a component schema before the pet is stored.
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8085 -Protocol Http

    Enable-PodeOpenApi -Path '/docs/openapi' -DisableMinimalDefinitions -EnableSchemaValidation
    Add-PodeOAInfo -Title 'Pet Shop' -Version '2.0.1' -Description 'Pets, described.' -LicenseName 'MIT'
    Add-PodeOAServerEndpoint -Url '/' -Description 'This shop'
    Add-PodeOATag -Name 'pets' -Description 'Pets in the shop'
    Enable-PodeOAViewer -Type Swagger -Path '/docs/swagger'

    Add-PodeOAComponentSchema -Name 'NewPet' -Component (New-PodeOAObjectProperty -NoAdditionalProperties -Properties @(
            (New-PodeOAStringProperty -Name 'name' -Required -MinLength 1),
            (New-PodeOAStringProperty -Name 'status' -Enum @('available', 'pending', 'sold') -Required),
            (New-PodeOAIntProperty -Name 'age' -Minimum 0)
        ))

    New-PodeOAObjectProperty -Properties @(
        (New-PodeOAIntProperty -Name 'id' -Required),
        (New-PodeOAStringProperty -Name 'name' -Required),
        (New-PodeOAStringProperty -Name 'status' -Required)
    ) | Add-PodeOAComponentSchema -Name 'Pet'

    $pets = @{
        '1' = @{ id = 1; name = 'Rex'; status = 'available' }
    }

    Add-PodeRoute -Method Get -Path '/api/pets/:petId' -PassThru -ScriptBlock {
        $pet = $using:pets[$WebEvent.Parameters['petId']]
        if ($null -eq $pet) {
            Write-PodeJsonResponse -StatusCode 404 -Value @{ message = 'No such pet' }
            return
        }
        Write-PodeJsonResponse -Value $pet
    } | Set-PodeOARouteInfo -Summary 'Find a pet' -OperationId 'getPet' -Tags 'pets' -PassThru |
        Set-PodeOARequest -PassThru -Parameters @(
            (New-PodeOAIntProperty -Name 'petId' -Required | ConvertTo-PodeOAParameter -In Path)
        ) |
        Add-PodeOAResponse -StatusCode 200 -Description 'The pet' -Content @{ 'application/json' = 'Pet' } -PassThru |
        Add-PodeOAResponse -StatusCode 404 -Description 'No pet has this id'

    Add-PodeRoute -Method Post -Path '/api/pets' -PassThru -ScriptBlock {
        $check = Test-PodeOAJsonSchemaCompliance -Json ($WebEvent.Data | ConvertTo-Json -Compress) -SchemaReference 'NewPet'
        if (!$check.result) {
            Write-PodeJsonResponse -StatusCode 400 -Value @{ message = 'Invalid pet' }
            return
        }
        Write-PodeJsonResponse -StatusCode 201 -Value @{ id = 2; name = $WebEvent.Data.name; status = $WebEvent.Data.status }
    } | Set-PodeOARouteInfo -Summary 'Add a pet' -OperationId 'addPet' -Tags 'pets' -PassThru |
        Set-PodeOARequest -RequestBody (New-PodeOARequestBody -Required -Content @{ 'application/json' = 'NewPet' }) -PassThru |
        Add-PodeOAResponse -StatusCode 201 -Description 'Added' -Content @{ 'application/json' = 'Pet' } -PassThru |
        Add-PodeOAResponse -StatusCode 400 -Description 'Not a valid pet'

    Add-PodeRoute -Method Get -Path '/health' -ScriptBlock {
        Write-PodeTextResponse -Value 'ok'
    }
}
