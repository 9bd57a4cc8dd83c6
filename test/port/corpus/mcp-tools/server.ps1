# An MCP server for a small warehouse: tools in two groups, one route per group.
Import-Module Pode

Start-PodeServer {
    Add-PodeEndpoint -Address localhost -Port 8090 -Protocol Http

    Add-PodeMcpGroup -Name 'Stock' -Description 'Read the stock levels'
    Add-PodeMcpGroup -Name 'Admin'

    # no parameters: a plain list
    Add-PodeMcpTool -Name 'ListItems' -Description 'Lists every item in stock' -Group 'Stock', 'Admin' -ScriptBlock {
        return New-PodeMcpTextContent -Value 'bolts, nuts, washers'
    }

    # the schema read from the param block
    Add-PodeMcpTool -Name 'CountItem' -Description 'How many of one item are in stock' -Group 'Stock' -AutoSchema -ScriptBlock {
        param(
            [Parameter(Mandatory = $true, HelpMessage = 'The item to count')]
            [ValidateSet('bolts', 'nuts', 'washers')]
            [string]
            $Item,

            [ValidateRange(1, 10)]
            [int]
            $Shelf
        )
        return New-PodeMcpTextContent -Value "There are 12 $($Item) on shelf $($Shelf)"
    }

    # the schema written by hand
    Add-PodeMcpTool -Name 'Restock' -Description 'Orders more of an item' -Group 'Admin' -ScriptBlock {
        param($Item, $Amount)
        if ($Amount -gt 100) {
            throw 'That is too many to order at once'
        }
        return New-PodeMcpTextContent -Value "Ordered $($Amount) $($Item)"
    } -PassThru |
        Add-PodeMcpToolProperty -Name 'Item' -Required -Definition (
            New-PodeJsonSchemaString -Description 'The item to order' -MinLength 2
        ) -PassThru |
        Add-PodeMcpToolProperty -Name 'Amount' -Required -Definition (
            New-PodeJsonSchemaInteger -Minimum 1 -Description 'How many to order'
        )

    Add-PodeRoute -Method Post -Path '/mcp/stock' -ScriptBlock {
        Resolve-PodeMcpRequest -Group 'Stock' -ServerName 'Warehouse' -ServerVersion '1.2.0'
    }

    Add-PodeRoute -Method Post -Path '/mcp/admin' -ScriptBlock {
        Resolve-PodeMcpRequest -Group 'Admin'
    }
}
