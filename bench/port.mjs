/**
 * Converter benchmark (`npm run build && node bench/port.mjs`): a ~300-line Pode script made of
 * typical routes, converted once cold (parser and grammar load included) and then warm.
 */
import { convert } from '../dist/port/index.js';

const route = (i) => `    # route ${i}
    Add-PodeRoute -Method Get, Post -Path '/items/${i}/:id' -ScriptBlock {
        $id = $WebEvent.Parameters['id']
        $items = @(1..5) | Where-Object { $_ -gt 2 }
        if ($id -eq 'x' -and $items.Count -gt 0) {
            Write-PodeJsonResponse -Value @{ Id = $id; Items = $items; At = [DateTime]::Now.ToString('yyyy') } -StatusCode 201
        } else {
            Set-PodeResponseStatus -Code 404
        }
    }
`;
const lines = [
  'Import-Module Pode',
  'Start-PodeServer {',
  '    Add-PodeEndpoint -Address localhost -Port 8080 -Protocol Http',
];
for (let i = 0; lines.join('\n').split('\n').length < 300; i++) lines.push(route(i));
lines.push('}');
const source = lines.join('\n');
const count = source.split('\n').length;
let start = performance.now();
await convert(source, { file: 'bench.ps1' });
const cold = performance.now() - start;
const warm = [];
for (let i = 0; i < 5; i++) {
  start = performance.now();
  await convert(source, { file: 'bench.ps1' });
  warm.push(performance.now() - start);
}
warm.sort((a, b) => a - b);
console.log(
  `${count} lines: cold ${cold.toFixed(0)} ms (parser load included), warm median ${warm[2].toFixed(0)} ms`,
);
