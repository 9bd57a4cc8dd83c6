function Format-Greeting {
    param([string]$Name)
    return "Hello, $($Name)!"
}
