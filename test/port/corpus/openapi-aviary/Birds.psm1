# The aviary's records, kept in shared state. Functions here call ones defined further down, and
# Add-Bird takes its fields either one by one or as a whole hashtable (two parameter sets).

function Initialize-Birds {
    param(
        [switch]
        $Reset
    )

    if ($Reset.IsPresent -or !(Test-PodeState -Name 'birds')) {
        Set-PodeState -Name 'birds' -Value @{} | Out-Null
        Add-Bird -Id 1 -Name 'Kea' -Wingspan 90
        Add-Bird -Bird @{ id = 2; name = 'Kakapo'; wingspan = 0 }
    }
}

function Add-Bird {
    [CmdletBinding(DefaultParameterSetName = 'Fields')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Fields')]
        [int]
        $Id,

        [Parameter(Mandatory, ParameterSetName = 'Fields')]
        [string]
        $Name,

        [Parameter(ParameterSetName = 'Fields')]
        [int]
        $Wingspan,

        [Parameter(Mandatory, ParameterSetName = 'Record')]
        $Bird
    )

    switch ($PSCmdlet.ParameterSetName) {
        'Fields' {
            $record = @{ id = $Id; name = $Name; wingspan = $Wingspan; source = 'fields' }
        }
        'Record' {
            $record = @{ id = $Bird.id; name = $Bird.name; wingspan = $Bird.wingspan; source = 'record' }
        }
    }
    $birds = Get-PodeState -Name 'birds'
    $birds["$($record.id)"] = $record
}

function Get-Bird {
    param(
        [string]
        $Id
    )
    $birds = Get-PodeState -Name 'birds'
    return $birds[$Id]
}

Export-ModuleMember -Function Initialize-Birds
Export-ModuleMember -Function Add-Bird
Export-ModuleMember -Function Get-Bird
