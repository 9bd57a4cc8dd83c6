#!/usr/bin/env node
/**
 * The converter's corpus report (`npm run port:corpus`).
 *
 * For every test/port/corpus/<name>/server.ps1: `pode-ts port` it (ported statements, TODOs),
 * type-check the output with tsc (strict, NodeNext, `pode-ts` resolved to this checkout's dist),
 * `pode-ts run` it on port 0, play the requests of expect.json, compare, stop it with SIGTERM.
 * Prints one row per script and a closing total; exits 1 when a script misses an expectation.
 *
 *   node scripts/port-corpus.mjs [--json] [--keep] [--concurrency <n>] [name-substring …]
 *   (--cli <file> and --corpus <dir> run another command line or corpus: the runner's own tests;
 *   --node-flag <flag>, or PORT_CORPUS_NODE_FLAGS, passes V8/Node flags to every pode-ts process;
 *   --known <file> reads a list of scripts known to fail: the exit code is then 0 when exactly
 *   those fail, so CI catches a regression and a fix that was not written down)
 *
 * The expect.json format is described in test/port/corpus/README.md.
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
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'test', 'port', 'corpus');
const DEFAULT_CLI = join(ROOT, 'dist', 'cli.js');

const PORT_TIMEOUT_MS = 90_000;
const TSC_TIMEOUT_MS = 240_000;
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;
const SUMMARY_LINE = /ported (\d+) of (\d+) statements, (\d+) not translated/;

/** Lists the corpus scripts (folder names holding a server.ps1), sorted, optionally filtered. */
export function listCorpus(filters = [], corpusDir = CORPUS_DIR) {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(corpusDir, d.name, 'server.ps1')))
    .map((d) => d.name)
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
}

/** Reads and checks one script's expect.json; throws with the file's name when it is malformed. */
export function readExpectation(name, corpusDir = CORPUS_DIR) {
  const file = join(corpusDir, name, 'expect.json');
  const expect = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof expect.description !== 'string') throw new Error(`${file}: "description" missing`);
  if (!Number.isInteger(expect.expectTodo)) throw new Error(`${file}: "expectTodo" missing`);
  if (!Array.isArray(expect.requests)) throw new Error(`${file}: "requests" missing`);
  for (const [i, r] of expect.requests.entries()) {
    if (r.tcp !== undefined) {
      const steps = Array.isArray(r.tcp) ? r.tcp : [];
      if (steps.length === 0 || steps.some((step) => !validTcpStep(step))) {
        throw new Error(
          `${file}: request ${i}: "tcp" is a list of { "send"?, "lines" | "match" } steps`,
        );
      }
      continue;
    }
    if (typeof r.path !== 'string' || !Number.isInteger(r.status)) {
      throw new Error(`${file}: request ${i} needs "path" and "status"`);
    }
  }
  return expect;
}

/**
 * Runs the whole corpus (or the named scripts) and resolves to
 * `{ results, summary, infrastructure }`; never throws for a script that fails.
 * `cli` and `corpusDir` point it elsewhere (the runner's own tests use a stand-in command line).
 */
export async function runCorpus({
  filters = [],
  concurrency = 2,
  keep = false,
  log,
  cli = process.env.PODE_TS_CLI ? resolve(process.env.PODE_TS_CLI) : DEFAULT_CLI,
  corpusDir = CORPUS_DIR,
  nodeFlags = (process.env.PORT_CORPUS_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
} = {}) {
  const node = [...nodeFlags];
  const CLI = resolve(cli);
  corpusDir = resolve(corpusDir);
  const names = listCorpus(filters, corpusDir);
  const work = mkdtempSync(join(tmpdir(), 'pode-port-corpus-'));
  const infrastructure = [];
  const results = names.map((name) => newResult(name));
  try {
    if (!existsSync(CLI)) {
      infrastructure.push(`${relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
    }
    // 1. port every script (cheap), in a copy of its folder so nothing is written to the corpus.
    await pool(results, concurrency, async (result) => {
      try {
        result.expect = readExpectation(result.name, corpusDir);
      } catch (error) {
        fail(result, 'expect', String(error.message ?? error));
        return;
      }
      const dir = join(work, 'scripts', result.name);
      cpSync(join(corpusDir, result.name), dir, {
        recursive: true,
        filter: (src) => !/(expect\.json|server\.expected\.ts)$/.test(src),
      });
      result.dir = dir;
      if (infrastructure.length === 0) await portScript(result, CLI, node);
    });
    // 2. one tsc run over every output (one per script would take minutes on a small machine).
    if (infrastructure.length === 0) await typecheckAll(work, results, infrastructure);
    // 3. run each script and play its requests.
    if (infrastructure.length === 0) {
      await pool(results, concurrency, async (result) => {
        if (result.expect) await runScript(result, CLI, node);
        result.ok = result.failures.length === 0;
        log?.(result);
      });
    } else {
      for (const result of results) log?.(result);
    }
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  for (const result of results) {
    result.ok = infrastructure.length === 0 && result.failures.length === 0;
  }
  return { results, summary: summarise(results), infrastructure, workDir: keep ? work : null };
}

function newResult(name) {
  return {
    name,
    ok: false,
    ported: null,
    statements: null,
    todos: null,
    expectTodo: null,
    portExit: null,
    portMs: null,
    typechecks: null,
    typeErrors: [],
    starts: null,
    startExpected: true,
    url: null,
    answered: 0,
    requests: 0,
    answers: null,
    stops: null,
    failures: [],
    notes: [],
    expect: null,
    dir: null,
    output: null,
  };
}

function fail(result, stage, message) {
  result.failures.push({ stage, message });
}

// ---------------------------------------------------------------------------------------------
// port

async function portScript(result, CLI, node) {
  const script = join(result.dir, 'server.ps1');
  const out = join(result.dir, 'server.ts');
  const started = Date.now();
  const run = await execute(process.execPath, [...node, CLI, 'port', script, '-o', out], {
    cwd: result.dir,
    timeoutMs: PORT_TIMEOUT_MS,
  });
  result.portExit = run.code;
  result.portMs = Date.now() - started;
  result.expectTodo = result.expect.expectTodo;
  const summary = run.stderr.match(SUMMARY_LINE);
  if (summary) {
    result.ported = Number(summary[1]);
    result.statements = Number(summary[2]);
    result.todos = Number(summary[3]);
  }
  if (run.timedOut)
    return fail(result, 'port', `pode-ts port did not finish in ${PORT_TIMEOUT_MS} ms`);
  if (run.code !== 0) {
    return fail(
      result,
      'port',
      `pode-ts port exited ${run.code}: ${firstLines(run.stderr || run.stdout)}`,
    );
  }
  if (!existsSync(out)) return fail(result, 'port', 'pode-ts port exited 0 but wrote no file');
  result.output = out;
  if (!summary) {
    return fail(
      result,
      'port',
      `no summary line on stderr: ${firstLines(run.stderr) || '(empty)'}`,
    );
  }
  if (result.expectTodo === 0 && result.todos > 0) {
    const lines = run.stderr
      .split('\n')
      .filter((l) => l.includes('not translated:'))
      .map((l) => l.replace(`${result.dir}/`, ''));
    fail(
      result,
      'todo',
      `${result.todos} TODO(s), none expected: ${firstLines(lines.join('\n'), 3)}`,
    );
  } else if (result.expectTodo > 0 && result.todos === 0) {
    fail(result, 'todo', `no TODO reported, ${result.expectTodo} expected: a silent translation`);
  } else if (result.expectTodo > 0 && result.todos !== result.expectTodo) {
    result.notes.push(`${result.todos} TODO(s) where the corpus counted ${result.expectTodo}`);
  }
}

// ---------------------------------------------------------------------------------------------
// type-check

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    isolatedModules: true,
    forceConsistentCasingInFileNames: true,
  },
};

/** A hand-written module that must type-check: proves `pode-ts` resolves to this checkout. */
const CANARY = `import { startServer, type WebEvent } from 'pode-ts';
const handler = (e: WebEvent): void => e.writeJson({ ok: true });
export const start = () => startServer((s) => { s.addRoute('GET', '/', handler); }, { quiet: true });
`;

async function typecheckAll(work, results, infrastructure) {
  const project = join(work, 'scripts');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(project, 'node_modules', 'pode-ts'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(project, 'canary.ts'), CANARY);
  const files = [
    'canary.ts',
    ...results.filter((r) => r.output).map((r) => relative(project, r.output)),
  ];
  const tsconfig = structuredClone(TSCONFIG);
  tsconfig.compilerOptions.types = ['node'];
  tsconfig.compilerOptions.typeRoots = [join(ROOT, 'node_modules', '@types')];
  tsconfig.files = files;
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = await execute(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: project,
    timeoutMs: TSC_TIMEOUT_MS,
  });
  if (run.timedOut) {
    infrastructure.push(`tsc did not finish in ${TSC_TIMEOUT_MS} ms`);
    return;
  }
  const errors = new Map();
  for (const line of run.stdout.split('\n')) {
    const m = line.match(/^(.+?)\(\d+,\d+\): error TS\d+:/);
    if (!m) continue;
    const file = resolve(project, m[1]);
    const rel = relative(project, file).split(/[\\/]/);
    const owner = rel[0] === 'canary.ts' ? 'canary.ts' : rel[0];
    if (!errors.has(owner)) errors.set(owner, []);
    errors.get(owner).push(line.replace(`${project}/`, ''));
  }
  if (errors.has('canary.ts')) {
    infrastructure.push(
      `the canary module does not type-check, so tsc is not resolving pode-ts: ${errors.get('canary.ts')[0]}`,
    );
    return;
  }
  if (run.code !== 0 && errors.size === 0) {
    infrastructure.push(`tsc exited ${run.code}: ${firstLines(run.stdout || run.stderr)}`);
    return;
  }
  for (const result of results) {
    if (!result.output) continue;
    result.typeErrors = errors.get(result.name) ?? [];
    result.typechecks = result.typeErrors.length === 0;
    if (!result.typechecks) {
      fail(result, 'typecheck', `${result.typeErrors.length} error(s): ${result.typeErrors[0]}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// run and play the requests

async function runScript(result, CLI, node) {
  const expect = result.expect;
  result.startExpected = expect.starts !== false;
  result.requests = result.startExpected ? expect.requests.length : 0;
  const dir = result.dir;
  const child = spawn(
    process.execPath,
    [...node, CLI, 'run', join(dir, 'server.ps1'), '--port', '0'],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
  try {
    const started = await waitForListening(output, exited);
    if (!result.startExpected) {
      result.starts = started.url !== null;
      if (started.url) {
        fail(
          result,
          'start',
          `started on ${started.url}, but its set-up holds a TODO that must throw`,
        );
      } else if (started.timedOut) {
        fail(result, 'start', `neither started nor failed in ${START_TIMEOUT_MS} ms`);
      } else if (!/PODE_ERR_NOT_PORTED|not ported|not translated/i.test(output.stderr)) {
        fail(
          result,
          'start',
          `failed to start without naming the TODO: ${firstLines(output.stderr)}`,
        );
      }
      return;
    }
    result.starts = started.url !== null;
    if (!started.url) {
      const why = started.timedOut
        ? `no "listening on" in ${START_TIMEOUT_MS} ms`
        : `exited ${started.exit?.code ?? started.exit?.signal} before listening`;
      // the last lines hold the error; the first ones are the converter's TODO report
      return fail(
        result,
        'start',
        `${why}: ${lastLines(output.stderr || output.stdout, 2).replace(/\n/g, ' | ')}`,
      );
    }
    result.url = started.url;
    await playRequests(result, started.urls);
  } finally {
    result.stops = await stop(child, exited);
    if (result.stops === false)
      fail(result, 'stop', `did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
    result.stderrTail = lastLines(output.stderr, 15);
  }
}

function waitForListening(output, exited) {
  return new Promise((done) => {
    let finished = false;
    const finish = (value) => {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      clearTimeout(timer);
      done(value);
    };
    // every endpoint's URL (`pode-ts run` prints them together): HTTP requests go to the first,
    // `tcp` requests to a tcp://, tcps://, smtp:// or smtps:// one
    const urls = () => [...output.stdout.matchAll(/listening on (\S+)/g)].map((m) => m[1]);
    const poll = setInterval(() => {
      const found = urls();
      if (found.length > 0) finish({ url: found[0], urls: found, timedOut: false });
    }, 25);
    const timer = setTimeout(() => finish({ url: null, timedOut: true }), START_TIMEOUT_MS);
    exited.then((exit) => {
      const found = urls();
      finish({ url: found[0] ?? null, urls: found, timedOut: false, exit });
    });
  });
}

export async function stop(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return true;
  }
  const outcome = await Promise.race([exited, delay(STOP_TIMEOUT_MS).then(() => null)]);
  if (outcome) return true;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the process group: the server and any worker it forked
  } catch {}
  await Promise.race([exited, delay(2_000)]);
  return false;
}

async function playRequests(result, urls) {
  const jar = new Map();
  const captured = new Map();
  const baseUrl = urls.find((url) => /^https?:/.test(url)) ?? urls[0];
  const socketUrls = urls.filter((url) => !/^(https?|wss?):/.test(url));
  for (const [index, template] of result.expect.requests.entries()) {
    const request = substitute(template, captured);
    if (request.tcp !== undefined) {
      const label = `#${index + 1} TCP ${socketUrls[request.endpoint ?? 0] ?? '(no tcp endpoint)'}`;
      const problems = await playTcp(socketUrls[request.endpoint ?? 0], request).catch((error) => [
        error.message,
      ]);
      if (problems.length === 0) result.answered += 1;
      else fail(result, 'answer', `${label}: ${problems.join('; ')}`);
      continue;
    }
    const label = `#${index + 1} ${request.method ?? 'GET'} ${request.path}`;
    let response;
    let text;
    try {
      ({ response, text } = await send(baseUrl, request, jar, result.expect.insecure === true));
    } catch (error) {
      fail(
        result,
        'answer',
        `${label}: ${error.name === 'TimeoutError' ? `no answer in ${REQUEST_TIMEOUT_MS} ms` : error.message}`,
      );
      continue;
    }
    if (request.keepCookies) storeCookies(jar, response);
    let problems = compare(request, response, text);
    // `retryForMs`: an answer that shows work the server does off the request path (a log
    // batch, a timer) is asked again until it matches or the time is up.
    const retryUntil = Date.now() + (request.retryForMs ?? 0);
    while (problems.length > 0 && Date.now() < retryUntil) {
      await delay(50);
      try {
        ({ response, text } = await send(baseUrl, request, jar, result.expect.insecure === true));
      } catch {
        continue;
      }
      problems = compare(request, response, text);
    }
    for (const [name, pattern] of Object.entries(request.capture ?? {})) {
      const m = text.match(new RegExp(pattern));
      if (m) captured.set(name, m[1] ?? m[0]);
      else problems.push(`nothing to capture as {{${name}}} with /${pattern}/`);
    }
    if (problems.length === 0) result.answered += 1;
    else fail(result, 'answer', `${label}: ${problems.join('; ')}`);
  }
  result.answers = result.answered === result.requests;
}

function validTcpStep(step) {
  if (step === null || typeof step !== 'object') return false;
  if (step.send !== undefined && typeof step.send !== 'string') return false;
  const lines = step.lines ?? step.match;
  return Array.isArray(lines) && lines.every((line) => typeof line === 'string');
}

/**
 * A `tcp` request: one connection to a TCP or SMTP endpoint; each step sends its text as is and
 * reads as many CRLF-ended lines as it expects (`lines`: exactly these; `match`: these regular
 * expressions); `closes: true` then waits for the server to close. Resolves to the problems.
 */
async function playTcp(url, request) {
  if (url === undefined) return ['the server listens on no tcp or smtp endpoint'];
  const { connect } = await import('node:net');
  const { connect: tlsConnect } = await import('node:tls');
  const target = new URL(url);
  const host =
    target.hostname === 'localhost' ? '127.0.0.1' : target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port);
  const implicitTls = target.protocol === 'tcps:' || target.protocol === 'smtps:';
  const socket = implicitTls
    ? tlsConnect({ host, port, rejectUnauthorized: false })
    : connect(port, host);
  let text = '';
  let closed = false;
  let wake = () => {};
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    text += chunk;
    wake();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const until = async (ready) => {
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    while (!ready()) {
      if (Date.now() > deadline) return false;
      await new Promise((done) => {
        wake = done;
        setTimeout(done, 50);
      });
    }
    return true;
  };
  const problems = [];
  try {
    for (const [i, step] of request.tcp.entries()) {
      if (step.send !== undefined) socket.write(step.send);
      const expected = step.lines ?? step.match;
      const got = [];
      for (const want of expected) {
        const ok = await until(() => text.includes('\r\n') || closed);
        const end = text.indexOf('\r\n');
        if (!ok || end === -1) {
          problems.push(
            `step ${i + 1}: ${closed ? 'closed' : 'no line'} before ${JSON.stringify(want)} (got ${JSON.stringify(got)}, unread ${JSON.stringify(text)})`,
          );
          return problems;
        }
        const line = text.slice(0, end);
        text = text.slice(end + 2);
        got.push(line);
        const matches = step.lines ? line === want : new RegExp(want).test(line);
        if (!matches)
          problems.push(
            `step ${i + 1}: expected ${step.lines ? JSON.stringify(want) : `/${want}/`}, got ${JSON.stringify(line)}`,
          );
      }
    }
    if (request.closes === true && !(await until(() => closed))) {
      problems.push(`the server did not close the connection in ${REQUEST_TIMEOUT_MS} ms`);
    }
    return problems;
  } finally {
    socket.destroy();
  }
}

/** Replaces `{{name}}` in every string of a request with a value captured earlier. */
function substitute(value, captured) {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (all, name) => captured.get(name) ?? all);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, captured));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, captured)]));
  }
  return value;
}

async function send(baseUrl, request, jar, insecure = false) {
  const headers = { ...(request.headers ?? {}) };
  let body;
  if (request.form) {
    body = new URLSearchParams(request.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (request.body !== undefined && request.body !== null) {
    if (typeof request.body === 'string') body = request.body;
    else {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  if (request.keepCookies && jar.size > 0 && !('cookie' in headers)) {
    headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const url = new URL(request.path, baseUrl);
  const method = request.method ?? 'GET';
  // fetch neither sends a Host header of the script's choosing nor accepts a self-signed
  // certificate: those requests go through node:http(s).
  if (insecure || Object.keys(headers).some((name) => name.toLowerCase() === 'host')) {
    return sendRaw(url, method, headers, body, insecure);
  }
  const response = await fetch(url, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { response, text };
}

/** One request over node:http(s) (self-signed certificates accepted when `insecure`), as a fetch Response. */
async function sendRaw(url, method, headers, body, insecure) {
  const { request } = await import(url.protocol === 'https:' ? 'node:https' : 'node:http');
  return new Promise((resolvePromise, reject) => {
    const outgoing = request(
      url,
      {
        method,
        headers,
        rejectUnauthorized: !insecure,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
      (incoming) => {
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
            responseHeaders.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
          }
          const status = incoming.statusCode ?? 0;
          const nullBody = status === 204 || status === 304 || method === 'HEAD';
          const response = new Response(nullBody ? null : text, {
            status,
            headers: responseHeaders,
          });
          resolvePromise({ response, text });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function storeCookies(jar, response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v = ''] = a.split('=').map((s) => s.trim());
      if (/^max-age$/i.test(k)) return Number(v) <= 0;
      if (/^expires$/i.test(k)) return Date.parse(v) < Date.now();
      return false;
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

/** Compares one response with its expectation; returns the differences as sentences. */
export function compare(expected, response, text) {
  const problems = [];
  if (response.status !== expected.status) {
    problems.push(`status ${response.status}, expected ${expected.status}${bodyHint(text)}`);
  }
  if ('json' in expected || 'jsonIncludes' in expected) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      problems.push(`body is not JSON: ${JSON.stringify(text.slice(0, 120))}`);
    }
    if (value !== undefined) {
      if ('json' in expected && !isDeepStrictEqual(value, expected.json)) {
        problems.push(`json ${short(value)}, expected ${short(expected.json)}`);
      }
      if ('jsonIncludes' in expected && !includes(value, expected.jsonIncludes)) {
        problems.push(`json ${short(value)} does not include ${short(expected.jsonIncludes)}`);
      }
    }
  }
  for (const fragment of expected.bodyIncludes ?? []) {
    if (!text.includes(fragment))
      problems.push(`body lacks ${JSON.stringify(fragment)}${bodyHint(text)}`);
  }
  for (const fragment of expected.bodyExcludes ?? []) {
    if (text.includes(fragment)) problems.push(`body contains ${JSON.stringify(fragment)}`);
  }
  if (expected.bodyMatches && !new RegExp(expected.bodyMatches).test(text)) {
    problems.push(`body does not match /${expected.bodyMatches}/${bodyHint(text)}`);
  }
  if ('text' in expected && text !== expected.text) {
    problems.push(
      `body ${JSON.stringify(text.slice(0, 120))}, expected ${JSON.stringify(expected.text)}`,
    );
  }
  for (const [name, want] of Object.entries(expected.headersInclude ?? {})) {
    const got = response.headers.get(name);
    if (want === null) {
      if (got !== null) problems.push(`header ${name}: ${JSON.stringify(got)}, expected none`);
    } else if (got === null || !got.toLowerCase().includes(String(want).toLowerCase())) {
      problems.push(
        `header ${name}: ${JSON.stringify(got)}, expected to contain ${JSON.stringify(want)}`,
      );
    }
  }
  if ('location' in expected) {
    const got = response.headers.get('location');
    if (!sameLocation(got, expected.location, response.url)) {
      problems.push(
        `location ${JSON.stringify(got)}, expected ${JSON.stringify(expected.location)}`,
      );
    }
  }
  if (expected.setCookies) {
    const names = response.headers.getSetCookie().map((c) => c.split('=')[0].trim());
    for (const [name, want] of Object.entries(expected.setCookies)) {
      if (want && !names.includes(name)) problems.push(`no Set-Cookie for ${name}`);
      if (!want && names.includes(name)) problems.push(`unexpected Set-Cookie for ${name}`);
    }
  }
  return problems;
}

function sameLocation(got, want, requestUrl) {
  if (got === null) return want === null;
  if (got === want) return true;
  try {
    const url = new URL(got, requestUrl || 'http://localhost/');
    return `${url.pathname}${url.search}` === want;
  } catch {
    return false;
  }
}

/** True when `actual` holds every key/value of `expected` (arrays: same length, item-wise). */
function includes(actual, expected) {
  if (expected === null || typeof expected !== 'object') return isDeepStrictEqual(actual, expected);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => includes(actual[i], item))
    );
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([k, v]) => k in actual && includes(actual[k], v));
}

// ---------------------------------------------------------------------------------------------
// report

function summarise(results) {
  return {
    scripts: results.length,
    withoutTodo: results.filter((r) => r.todos === 0).length,
    typecheck: results.filter((r) => r.typechecks === true).length,
    start: results.filter((r) => r.starts === true).length,
    answerAll: results.filter((r) => r.startExpected && r.answers === true).length,
    passing: results.filter((r) => r.ok).length,
  };
}

/** The closing line: the totals. */
export function closingLine({ summary, infrastructure }) {
  const s = summary;
  const line =
    `corpus: ${s.scripts} scripts, ${s.withoutTodo} without TODO, ${s.typecheck} type-check, ` +
    `${s.start} start, ${s.answerAll} answer every request; ${s.passing} of ${s.scripts} meet their expectations`;
  return infrastructure.length > 0 ? `${line} (not run: ${infrastructure.join('; ')})` : line;
}

const COLUMNS = [
  ['script', 28],
  ['ported', 9],
  ['port ms', 8],
  ['TODOs', 6],
  ['types', 6],
  ['starts', 7],
  ['answers', 8],
  ['result', 6],
];

function header() {
  return COLUMNS.map(([title, width]) => title.padEnd(width)).join(' ');
}

function row(r) {
  const yes = (v) => (v === null ? '-' : v ? 'yes' : 'no');
  const ported = r.ported === null ? '-' : `${r.ported}/${r.statements}`;
  const todos =
    r.todos === null ? '-' : r.expectTodo > 0 ? `${r.todos}/${r.expectTodo}` : String(r.todos);
  const starts = r.startExpected ? yes(r.starts) : r.starts === false ? 'no*' : yes(r.starts);
  const answers = r.startExpected ? (r.starts ? `${r.answered}/${r.requests}` : '-') : 'n/a';
  const cells = [
    r.name,
    ported,
    r.portMs ?? '-',
    todos,
    yes(r.typechecks),
    starts,
    answers,
    r.ok ? 'ok' : 'FAIL',
  ];
  const line = cells.map((c, i) => String(c).padEnd(COLUMNS[i][1])).join(' ');
  const details = [
    ...r.failures.map((f) => `    ${f.stage}: ${f.message}`),
    ...r.notes.map((n) => `    note: ${n}`),
  ];
  return [line, ...details].join('\n');
}

// ---------------------------------------------------------------------------------------------
// small helpers

export async function pool(items, size, worker) {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

export function execute(command, args, { cwd, timeoutMs }) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ code: -1, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut });
    });
  });
}

export function delay(ms) {
  return new Promise((done) => setTimeout(done, ms).unref());
}

function firstLines(text, count = 2) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, count)
    .join(' | ')
    .slice(0, 400);
}

function lastLines(text, count) {
  return text.split('\n').filter(Boolean).slice(-count).join('\n');
}

function short(value) {
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function bodyHint(text) {
  return text ? ` (body ${JSON.stringify(text.slice(0, 100))})` : '';
}

// ---------------------------------------------------------------------------------------------
// command line

async function main(argv) {
  const args = { json: false, keep: false, concurrency: 2, filters: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--concurrency') args.concurrency = Math.max(1, Number(argv[++i]) || 2);
    else if (a === '--cli') args.options.cli = argv[++i];
    else if (a === '--corpus') args.options.corpusDir = argv[++i];
    else if (a === '--node-flag') (args.options.nodeFlags ??= []).push(argv[++i]);
    else if (a === '--known') args.known = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node scripts/port-corpus.mjs [--json] [--keep] [--concurrency <n>] [--known <file>] [--cli <cli.js>] [--corpus <dir>] [--node-flag <flag>] [name …]',
      );
      return 0;
    } else args.filters.push(a);
  }
  if (!args.json) console.log(header());
  const report = await runCorpus({
    filters: args.filters,
    concurrency: args.concurrency,
    keep: args.keep,
    ...args.options,
    log: args.json ? undefined : (r) => console.log(row(r)),
  });
  if (args.json) {
    const results = report.results.map(({ expect, dir, output, ...rest }) => rest);
    console.log(JSON.stringify({ ...report, results, closing: closingLine(report) }, null, 2));
  } else {
    if (report.infrastructure.length > 0) {
      for (const problem of report.infrastructure) console.log(`not run: ${problem}`);
    }
    if (report.workDir) console.log(`kept: ${report.workDir}`);
    console.log(closingLine(report));
  }
  if (report.results.length === 0) return 1;
  if (args.known === undefined) return report.results.every((r) => r.ok) ? 0 : 1;
  const known = new Set(Object.keys(JSON.parse(readFileSync(args.known, 'utf8')).scripts));
  const { regressions, fixed } = compareWithKnown(report.results, known);
  for (const name of regressions)
    console.log(`regression: ${name} fails and is not in ${args.known}`);
  for (const name of fixed) console.log(`fixed: ${name} passes now; remove it from ${args.known}`);
  return regressions.length === 0 && fixed.length === 0 ? 0 : 1;
}

/** Splits a run's results against the scripts known to fail: new failures and new passes. */
export function compareWithKnown(results, known) {
  return {
    regressions: results.filter((r) => !r.ok && !known.has(r.name)).map((r) => r.name),
    fixed: results.filter((r) => r.ok && known.has(r.name)).map((r) => r.name),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
