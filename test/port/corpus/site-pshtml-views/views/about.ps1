param($data)

# no return: the script's whole output is the page, joined with spaces
h2 'About'
p {
    'A site made of PowerShell scripts.'
}
