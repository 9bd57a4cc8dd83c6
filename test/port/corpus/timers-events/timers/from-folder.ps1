# loaded by Use-PodeTimers
Add-PodeTimer -Name 'from-folder' -Interval 1 -ScriptBlock {
    Lock-PodeObject -ScriptBlock {
        $state:imported = $state:imported + 1
    }
}
