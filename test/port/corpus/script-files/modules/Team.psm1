function Get-TeamMember {
    return @('Rick', 'Morty', 'Summer')
}
