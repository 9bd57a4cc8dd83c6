@{
    Port   = 8093
    Aviary = @{
        Name      = 'Riverside Aviary'
        MaxUpload = 2MB
    }
}
