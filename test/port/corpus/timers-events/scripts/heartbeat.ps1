{
    Lock-PodeObject -ScriptBlock {
        $state:beats = $state:beats + 1
    }
}
