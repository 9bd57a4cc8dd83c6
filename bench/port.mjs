/**
 * Converter benchmark (`npm run build && node bench/port.mjs`): a ~300-line Pode script made of
 * typical routes, converted and formatted as `pode-ts port` does, once cold (parser, grammar and
 * formatter load included) and then warm.
 */
import { formatTypeScript } from '../dist/port/format.js';
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
// What `pode-ts port` does: convert, then format with Biome (the formatter loads on first use).
const port = async () => {
  const result = await convert(source, { file: 'bench.ps1' });
  return (await formatTypeScript(result.code)) !== undefined;
};
let start = performance.now();
const formatted = await port();
const cold = performance.now() - start;
const warm = [];
for (let i = 0; i < 5; i++) {
  start = performance.now();
  await port();
  warm.push(performance.now() - start);
}
warm.sort((a, b) => a - b);
console.log(
  `${count} lines: cold ${cold.toFixed(0)} ms (parser and formatter load included), warm median ${warm[2].toFixed(0)} ms${formatted ? '' : ' (Biome not installed: not formatted)'}`,
);
