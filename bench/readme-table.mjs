/**
 * The README's benchmark table: server CPU µs per request by scenario and peer, written between
 * the `bench:start` and `bench:end` markers. `npm run bench` calls it after a full run;
 * `node bench/readme-table.mjs` rewrites it from the last bench/results.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { figure } from './harness.mjs';

const SHORT_TITLES = { S0: 'hello', S1: 'counter', S2: 'new session', S3: 'Redis', S4: 'header' };

/** Rewrites the README's table from a run's summary. */
export function updateReadme(summary) {
  const readme = new URL('../README.md', import.meta.url);
  if (!existsSync(readme)) return;
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- bench:start');
  const end = text.indexOf('<!-- bench:end -->');
  if (start === -1 || end === -1) return;
  const shown = summary.scenarios.filter((scenario) => scenario.skipped === undefined);
  const peers = ['pode', 'pode-lite', 'node', 'fastify', 'koa', 'express'];
  const names = {
    pode: 'pode-ts',
    'pode-lite': 'pode-ts, `asyncContext: false`',
    node: 'node:http + hand-written session',
    fastify: 'fastify + @fastify/session',
    koa: 'koa + koa-session',
    express: 'express + express-session',
  };
  const lines = [
    text.slice(start, text.indexOf('-->', start) + 3),
    '',
    `Server CPU µs per request (lower is better), medians of interleaved rounds, ${summary.environment.date.slice(0, 10)}, ${summary.environment.node}, 2 cores shared with the load generator; the machine's speed drifts during a run, so compare the paired ratios (each round against node:http, then the median). Full tables in [bench/results.md](bench/results.md).`,
    '',
    `| peer | ${shown.map((scenario) => `${scenario.id} ${SHORT_TITLES[scenario.id] ?? ''}`.trim()).join(' | ')} |`,
    `|---|${shown.map(() => '---:').join('|')}|`,
  ];
  for (const peer of peers) {
    const cells = shown.map((scenario) => {
      const value = figure(summary.scenarios, scenario.id, peer, 'cpuPerRequest');
      return value === undefined ? '–' : value.toFixed(1);
    });
    if (cells.every((cell) => cell === '–')) continue;
    lines.push(`| ${names[peer]} | ${cells.join(' | ')} |`);
  }
  // The ratios the targets use: per round against node:http, then the median over rounds.
  for (const peer of ['pode', 'pode-lite']) {
    const cells = shown.map((scenario) => {
      const value = figure(summary.scenarios, scenario.id, peer, 'pairedRatio');
      return value === undefined ? '–' : `${value.toFixed(2)}×`;
    });
    if (cells.every((cell) => cell === '–')) continue;
    lines.push(`| *${names[peer]} ÷ node:http, paired per round* | ${cells.join(' | ')} |`);
  }
  lines.push('');
  writeFileSync(readme, `${text.slice(0, start)}${lines.join('\n')}${text.slice(end)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = new URL('./results.json', import.meta.url);
  updateReadme(JSON.parse(readFileSync(results, 'utf8')));
  console.log('README.md benchmark table rewritten from bench/results.json');
}
