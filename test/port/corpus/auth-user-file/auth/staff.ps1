# staff log in with the users file; only Admins and Staff groups
New-PodeAuthScheme -Basic -Realm 'Staff' | Add-PodeAuthUserFile -Name 'Staff' -FilePath './data/users.json' -Groups 'Admins', 'Staff' -Sessionless -ScriptBlock {
    param($user)

    return @{
        User = @{
            Name = $user.Name
            Rank = $user.Metadata.Rank
            IsAdmin = ($user.Groups -contains 'Admins')
        }
    }
}
