#!/usr/bin/env node
/**
 * Issue 15's target, measured: how many real Pode servers convert with no TODO and type-check,
 * and how many start and answer every static GET route.
 *
 *   node scripts/port-examples.mjs <folder of Pode scripts> [--json] [--concurrency <n>]
 *        [--keep] [name-substring …]
 *
 * The folder is Pode's own `examples` folder (a checkout of Badgerati/Pode; nothing of it is kept
 * in this repository), or any folder of Pode scripts. Every `*.ps1` under it that calls
 * `Start-PodeServer` is a server. The folder is copied to a temporary one, so outputs sit beside
 * their scripts (views, public, dot-sourced files) and nothing is written to the original.
 *
 * Per server:
 * - port: converted in-process (`convert`, as `pode-ts port` does); its TODOs are counted.
 * - type-check: one tsc run (strict, NodeNext) over every output, `pode-ts` resolved to this
 *   checkout.
 * - start: `pode-ts run <script> --port 0` prints `listening on …` within the time limit (or,
 *   for a script with no endpoint, `running with no endpoint` or `ran once: …`).
 *   A script whose set-up holds a TODO is expected not to start (the TODO throws).
 *   The servers run with USERDNSDOMAIN=examples.invalid (unless it is set), as on a machine in a
 *   domain: Add-PodeAuthWindowsAd without -Fqdn needs the machine's domain to start.
 * - answer: every GET route whose path is static (no `:param`, no `*`, no variable), found in the
 *   script by its `Add-PodeRoute` calls, is requested once on the first endpoint; any HTTP
 *   answer counts (a 401 from an authenticated route is an answer; a route inside a group is
 *   requested at its own path, so a 404 there is an answer too). A 5xx is an answer too, since
 *   some example routes fail on purpose, but it is listed, and counted apart in the closing line.
 *
 * The closing line: `examples: <n> servers, <a> without TODO, <b> type-check, <c> both,
 * <d> start, <e> answer every static GET route (<f> with no 5xx)`. Exit code 0 (a measure, not a
 * gate).
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { execute, pool, stop } from './port-corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const START_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 15_000; // some example routes sleep 10 s on purpose (Threading.ps1)
const TSC_TIMEOUT_MS = 600_000;
const NO_ENDPOINT = 'no endpoint';

/** Every `*.ps1` under `folder` that calls Start-PodeServer, as paths relative to it, sorted. */
export function listServers(folder) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.toLowerCase().endsWith('.ps1')) {
        if (/Start-PodeServer/i.test(readFileSync(path, 'utf8')))
          found.push(relative(folder, path));
      }
    }
  };
  walk(folder);
  return found.sort();
}

/**
 * The static GET routes of a Pode script: `Add-PodeRoute` calls whose `-Method` includes Get (or
 * `*`) and whose `-Path` is a literal with no parameter, wildcard or variable.
 */
export function staticGetRoutes(source) {
  const paths = new Set();
  const text = source.replace(/`\r?\n/g, ' ');
  for (const m of text.matchAll(/Add-PodeRoute\b([^\n{]*)/gi)) {
    const args = m[1];
    const method = args.match(/-Method\s+(['"]?[\w*]+['"]?(?:\s*,\s*['"]?\w+['"]?)*)/i);
    if (!method || !/(^|[\s,'"])(get|\*)(['"]|\s|,|$)/i.test(method[1])) continue;
    const path = args.match(/-Path\s+(?:'([^']*)'|"([^"]*)"|(\/[^\s]*))/i);
    if (!path) continue;
    const value = path[1] ?? path[2] ?? path[3];
    if (/[:*$]/.test(value) || !value.startsWith('/')) continue;
    paths.add(value);
  }
  return [...paths];
}

export async function measure({ folder, filters = [], concurrency = 2, keep = false, log }) {
  folder = resolve(folder);
  const { convert } = await import(pathToFileURL(join(ROOT, 'dist', 'port', 'index.js')).href);
  const work = mkdtempSync(join(tmpdir(), 'pode-port-examples-'));
  const copy = join(work, 'examples');
  cpSync(folder, copy, { recursive: true });
  const names = listServers(copy).filter(
    (n) => filters.length === 0 || filters.some((f) => n.includes(f)),
  );
  const results = names.map((name) => ({
    name,
    script: join(copy, name),
    todos: null,
    reasons: [],
    typechecks: null,
    typeErrors: [],
    starts: null,
    routes: [],
    answered: 0,
    serverErrors: 0,
    problems: [],
  }));
  try {
    for (const r of results) {
      try {
        const out = await convert(readFileSync(r.script, 'utf8'), { file: r.script });
        r.todos = out.todos;
        r.reasons = [
          ...new Set(out.messages.filter((m) => m.kind === 'todo').map((m) => m.message)),
        ];
        r.output = r.script.replace(/\.ps1$/i, '.port.ts');
        writeFileSync(r.output, out.code);
      } catch (error) {
        r.problems.push(`port: ${String(error.message ?? error).split('\n')[0]}`);
      }
      r.routes = staticGetRoutes(readFileSync(r.script, 'utf8'));
    }
    await typecheck(copy, results);
    await pool(results, concurrency, async (r) => {
      if (r.output) await run(r);
      log?.(r);
    });
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  return { results, summary: summarise(results), workDir: keep ? work : null };
}

async function typecheck(copy, results) {
  mkdirSync(join(copy, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(copy, 'node_modules', 'pode-ts'), 'dir');
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const outputs = results.filter((r) => r.output);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    },
    files: outputs.map((r) => relative(copy, r.output)),
  };
  writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = await execute(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: copy,
    timeoutMs: TSC_TIMEOUT_MS,
  });
  const errors = new Map();
  for (const line of run.stdout.split('\n')) {
    const m = line.match(/^(.+?)\(\d+,\d+\): error TS\d+:/);
    if (!m) continue;
    const file = resolve(copy, m[1]);
    if (!errors.has(file)) errors.set(file, []);
    errors.get(file).push(line);
  }
  for (const r of outputs) {
    r.typeErrors = errors.get(r.output) ?? [];
    r.typechecks = !run.timedOut && r.typeErrors.length === 0;
    if (run.timedOut) r.problems.push(`typecheck: tsc did not finish in ${TSC_TIMEOUT_MS} ms`);
    else if (r.typeErrors.length > 0) r.problems.push(`typecheck: ${r.typeErrors[0]}`);
  }
}

async function run(r) {
  const child = spawn(process.execPath, [CLI, 'run', r.script, '--port', '0'], {
    cwd: dirname(r.script),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      // as on a machine joined to a domain: Add-PodeAuthWindowsAd without -Fqdn reads the domain
      // (Web-AuthFormAd.ps1), and fails the set-up where there is none, as Pode does
      USERDNSDOMAIN: process.env.USERDNSDOMAIN ?? 'examples.invalid',
    },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (c) => (output.stdout += c));
  child.stderr.on('data', (c) => (output.stderr += c));
  const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
  try {
    const url = await waitForListening(output, exited);
    r.starts = url !== null;
    if (!url) {
      const tail = output.stderr.split('\n').filter(Boolean).slice(-2).join(' | ');
      r.problems.push(`start: ${tail.slice(0, 300) || 'no "listening on"'}`);
      return;
    }
    if (url === NO_ENDPOINT) {
      if (r.routes.length > 0) r.problems.push('answer: no endpoint to request the routes on');
      return;
    }
    const base = url.replace(/^ws/, 'http');
    for (const path of r.routes) {
      try {
        const response = await get(new URL(path, base));
        r.answered += 1;
        if (response.status >= 500) {
          r.serverErrors += 1;
          r.problems.push(`answer: GET ${path} → ${response.status}`);
        }
      } catch (error) {
        r.problems.push(
          `answer: GET ${path}: ${error.name === 'TimeoutError' ? 'timeout' : error.message}`,
        );
      }
    }
  } finally {
    await stop(child, exited);
  }
}

/**
 * One GET, its status once the head arrives (the body is not read: an SSE route never ends).
 * https is not verified: examples serve self-signed certificates.
 */
function get(url) {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done, failed) => {
    const request = send(
      url,
      {
        method: 'GET',
        rejectUnauthorized: false,
        headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        done({ status: response.statusCode ?? 0 });
        response.destroy();
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', failed);
    request.end();
  });
}

function waitForListening(output, exited) {
  return new Promise((done) => {
    // A server with no endpoint (a service, timers, file watchers, or a one-off script that ran
    // once and exited) starts without a URL: it has no route to request.
    const find = () =>
      output.stdout.match(/listening on (\S+)/)?.[1] ??
      (/^(running with no endpoint|ran once: )/m.test(output.stdout) ? NO_ENDPOINT : null);
    const poll = setInterval(() => {
      const url = find();
      if (url) finish(url);
    }, 25);
    const timer = setTimeout(() => finish(null), START_TIMEOUT_MS);
    let finished = false;
    function finish(url) {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      clearTimeout(timer);
      done(url);
    }
    exited.then(() => finish(find()));
  });
}

function summarise(results) {
  const count = (f) => results.filter(f).length;
  return {
    servers: results.length,
    withoutTodo: count((r) => r.todos === 0),
    typecheck: count((r) => r.typechecks === true),
    both: count((r) => r.todos === 0 && r.typechecks === true),
    start: count((r) => r.starts === true),
    answer: count((r) => r.starts === true && r.answered === r.routes.length),
    noServerError: count(
      (r) => r.starts === true && r.answered === r.routes.length && r.serverErrors === 0,
    ),
  };
}

export function closingLine(s) {
  const pct = (n) => `${n} (${s.servers ? Math.round((100 * n) / s.servers) : 0} %)`;
  return `examples: ${s.servers} servers, ${pct(s.withoutTodo)} without TODO, ${pct(s.typecheck)} type-check, ${pct(s.both)} both, ${pct(s.start)} start, ${pct(s.answer)} answer every static GET route (${s.noServerError} with no 5xx)`;
}

function row(r) {
  const mark = (v) => (v === true ? 'yes' : v === false ? 'no' : '-');
  const head = `${r.name.padEnd(44)} todo ${String(r.todos ?? '-').padStart(2)}  tsc ${mark(r.typechecks).padEnd(3)}  start ${mark(r.starts).padEnd(3)}  get ${r.answered}/${r.routes.length}`;
  const why = [...r.reasons.map((m) => `todo: ${m}`), ...r.problems].slice(0, 3);
  return why.length ? `${head}\n    ${why.map((w) => w.slice(0, 160)).join('\n    ')}` : head;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const [folder, ...filters] = positionals;
  if (!folder || !existsSync(folder) || !statSync(folder).isDirectory()) {
    process.stderr.write(
      "usage: node scripts/port-examples.mjs <folder of Pode scripts, e.g. a Pode checkout's examples> [name-substring …]\n",
    );
    return 2;
  }
  if (!existsSync(CLI)) {
    process.stderr.write('dist/cli.js is missing: run `npm run build` first\n');
    return 2;
  }
  const outcome = await measure({
    folder,
    filters,
    concurrency: Number(values.concurrency),
    keep: values.keep,
    log: values.json ? undefined : (r) => process.stdout.write(`${row(r)}\n`),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  else {
    if (outcome.workDir) process.stdout.write(`kept: ${outcome.workDir}\n`);
    process.stdout.write(`${closingLine(outcome.summary)}\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
