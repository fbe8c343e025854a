#!/usr/bin/env node
// Benchmark of the SMILE Loop /ws event stream against a plain WebSocket server doing the same
// work (peer.mjs, on the npm `ws` package), measured by this one harness in one invocation.
//
// For each target and each (clients, paused share) it connects N clients to /ws, starts a loop
// over the REST API, drives K student/mentor cycles with HTTP calls (the same calls cause the same
// events on both targets), and measures for every event each reading client receives the delay
// from the event's server "timestamp" to its receipt (same machine, same clock). Meanwhile it
// polls GET /api/status and times it, and samples the server's resident memory and threads. It
// prints one table per target and the ratios SMILE / peer, and exits non-zero when a reading
// client missed an event or got one out of order, or a paused client cannot account for every
// event (received + reported dropped).
//
//   node bench.mjs http://127.0.0.1:3000                  # SMILE vs the peer, 100 and 1000 clients
//   node bench.mjs http://127.0.0.1:3000 --token T        # when the server wants an API token
//   node bench.mjs http://127.0.0.1:3000 --notes-bytes 65536 --deflate 0,1 --clients 100
//   node bench.mjs --self-test                            # the peer only, checks the harness
//
// Only loopback targets are accepted: this is a load generator.

import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { nowMs, startPeer } from './peer.mjs';

const USAGE = `usage: node bench.mjs BASE_URL [--clients 100,1000] [--cycles 200] [--paused 0,0.1]
                          [--token T | --token-file F] [--ws-auth header|subprotocol]
                          [--pid PID] [--no-peer] [--notes-bytes N] [--deflate 0|1|0,1]
                          [--status-every 50] [--settle 10] [--warmup 50] [--connect-batch 100] [--timeout 30]
                          [--enforce]
       node bench.mjs --self-test [same options]`;

function parseArgs(argv) {
  const opts = {
    base: null,
    selfTest: false,
    clients: [100, 1000],
    cycles: 200,
    paused: [0, 0.1],
    connectBatch: 100,
    timeoutSeconds: 30,
    token: process.env.SMILE_API_TOKEN || null,
    wsAuth: 'header',
    pid: null,
    peer: true,
    notesBytes: 5,
    deflate: [false],
    statusEveryMs: 50,
    settleSeconds: 10,
    warmupCycles: 50,
    enforce: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--self-test') opts.selfTest = true;
    else if (arg === '--clients') opts.clients = next().split(',').map(Number);
    else if (arg === '--cycles') opts.cycles = Number(next());
    else if (arg === '--paused') opts.paused = next().split(',').map(Number);
    else if (arg === '--connect-batch') opts.connectBatch = Number(next());
    else if (arg === '--timeout') opts.timeoutSeconds = Number(next());
    else if (arg === '--token') opts.token = next();
    else if (arg === '--token-file') opts.token = readFileSync(next(), 'utf8').trim();
    else if (arg === '--ws-auth') opts.wsAuth = next();
    else if (arg === '--pid') opts.pid = Number(next());
    else if (arg === '--no-peer') opts.peer = false;
    else if (arg === '--notes-bytes') opts.notesBytes = Number(next());
    else if (arg === '--deflate') opts.deflate = next().split(',').map((x) => x === '1' || x === 'true');
    else if (arg === '--status-every') opts.statusEveryMs = Number(next());
    else if (arg === '--settle') opts.settleSeconds = Number(next());
    else if (arg === '--warmup') opts.warmupCycles = Number(next());
    else if (arg === '--enforce') opts.enforce = true;
    else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (!arg.startsWith('--') && !opts.base) opts.base = arg.replace(/\/+$/, '');
    else throw new Error(`unknown argument ${arg}`);
  }
  const bad = (xs) => xs.some((x) => !Number.isFinite(x));
  if (bad(opts.clients) || bad(opts.paused) || !Number.isFinite(opts.cycles) || !Number.isFinite(opts.notesBytes)) {
    throw new Error('--clients, --cycles, --paused and --notes-bytes take numbers');
  }
  if (!['header', 'subprotocol'].includes(opts.wsAuth)) throw new Error('--ws-auth is header or subprotocol');
  if (!opts.selfTest && !opts.base) throw new Error('give the server base URL, or --self-test');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Time: the server stamps "2025-05-01T09:30:00.000120Z" (UTC, microseconds).

function timestampMs(ts) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(ts);
  if (!m) return NaN;
  return Date.parse(`${m[1]}Z`) + (m[2] ? Number(`0.${m[2]}`) * 1000 : 0);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// A target: a base URL, the token it wants (null for none), and the pid whose memory is sampled.

function authHeaders(target) {
  return target.token ? { authorization: `Bearer ${target.token}` } : {};
}

/** VmRSS in MB and Threads of a process, from /proc; null when it cannot be read. */
function memory(pid) {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
    const threads = Number(/Threads:\s+(\d+)/.exec(status)[1]);
    return { rss, threads };
  } catch {
    return null;
  }
}

/** The pid listening on the port of a loopback URL, through ss; null when not found. */
function listeningPid(base) {
  const port = new URL(base).port || '80';
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// HTTP: JSON calls to the REST API, retried while the loop is not yet in a state that takes them
// (503), since a callback may race the orchestrator's transition.
async function call(target, method, p, body, { retries = 50, expect = [200, 202] } = {}) {
  let last;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const res = await fetch(target.base + p, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders(target) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expect.includes(res.status)) return text ? JSON.parse(text) : {};
    last = `${method} ${p} -> ${res.status} ${text.slice(0, 200)}`;
    if (res.status !== 503 && res.status !== 409) break;
    await sleep(Math.min(20 * (attempt + 1), 200));
  }
  throw new Error(`${target.name}: ${last}`);
}

const TUTORIAL = '# T\n\n## Step\n\n```bash\necho hi\n```\n';

async function startLoop(target) {
  const body = {
    tutorialContent: TUTORIAL,
    config: { llmProvider: 'external', maxIterations: 100000, timeout: 3600, studentBehavior: { timeoutSeconds: 600 } },
  };
  try {
    return await call(target, 'POST', '/api/loop', body, { retries: 0 });
  } catch {
    // A loop left over from an earlier run: stop it and try once more.
    await call(target, 'POST', '/api/stop', { reason: 'bench: clearing a previous loop' }, { retries: 0 }).catch(() => {});
    await sleep(200);
    return call(target, 'POST', '/api/loop', body, { retries: 10 });
  }
}

/**
 * Mentor notes of about {@code bytes} bytes that read like prose: words drawn by a fixed
 * pseudo-random sequence, so they compress as text does (a few times), not as one repeated letter.
 */
function prose(bytes) {
  const words = ['install', 'the', 'JDK', 'first,', 'then', 'run', 'build', 'again;', 'check', 'that', 'PATH', 'contains', 'bin', 'and', 'retry', 'step', '3', 'with', 'sudo', 'missing', 'package', 'named', 'in', 'error', 'above.'];
  let seed = 42;
  let out = '';
  while (out.length < bytes) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += words[seed % words.length] + ' ';
  }
  return out.slice(0, Math.max(1, bytes));
}

const studentResult = () => ({
  studentOutput: { status: 'ask_mentor', current_step: 'Step', question_for_mentor: 'q', summary: 's' },
  timestamp: new Date().toISOString(),
});

/**
 * Polls GET /api/status until stopped, from a worker thread (status-probe.mjs); the latencies of
 * its answers, in ms.
 */
function statusProbe(target, everyMs) {
  const worker = new Worker(new URL('./status-probe.mjs', import.meta.url), {
    workerData: { url: `${target.base}/api/status`, headers: authHeaders(target), everyMs },
  });
  // The worker says 'ready' once its own first calls are behind it, then sends its latencies.
  let ready;
  let done;
  const readyP = new Promise((resolve) => (ready = resolve));
  const doneP = new Promise((resolve, reject) => {
    done = resolve;
    worker.once('error', reject);
  });
  worker.on('message', (msg) => (msg === 'ready' ? ready() : done(msg)));
  return {
    ready: () => readyP,
    async stop() {
      worker.postMessage('stop');
      const latencies = await doneP;
      await worker.terminate();
      return latencies.sort((a, b) => a - b);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients

class Client {
  constructor(index, url, paused, target, deflate) {
    Object.assign(this, { index, url, paused, target, deflate });
    this.latencies = [];
    this.events = 0; // broadcast events received (not connected / notices)
    this.dropped = 0;
    this.lastSeq = null;
    this.outOfOrder = 0;
    this.waiters = [];
  }

  connect(timeoutMs) {
    return new Promise((resolve, reject) => {
      const t = this.target;
      const protocols = t.token && t.wsAuth === 'subprotocol' ? ['smile.v1', `smile.bearer.${t.token}`] : [];
      const headers = t.token && t.wsAuth === 'header' ? authHeaders(t) : {};
      const ws = new WebSocket(this.url, protocols, { perMessageDeflate: this.deflate, headers });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`client ${this.index}: no "connected" in ${timeoutMs} ms`)), timeoutMs);
      ws.on('open', () => {
        this.extensions = ws.extensions;
      });
      ws.on('message', (data) => {
        const at = nowMs();
        let msg;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return;
        }
        if (msg.event === 'connected') {
          this.snapshot = msg.seq;
          this.bytesAtStart = ws._socket.bytesRead;
          clearTimeout(timer);
          if (this.paused) ws.pause(); // stop reading: the socket buffers fill up on both sides
          resolve(this);
          return;
        }
        this.onEnvelope(msg, at);
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        this.error = err;
        reject(new Error(`${t.name} client ${this.index}: ${err.message}`));
      });
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
      });
    });
  }

  onEnvelope(msg, at) {
    if (msg.event === 'error' && msg.payload && msg.payload.code) {
      if (msg.payload.code === 'events_dropped') this.dropped += msg.payload.dropped || 0;
      return;
    }
    this.events++;
    if (this.lastSeq !== null && msg.seq !== this.lastSeq + 1) this.outOfOrder++;
    this.lastSeq = msg.seq;
    const sent = timestampMs(msg.timestamp);
    if (Number.isFinite(sent)) this.latencies.push(at - sent);
    this.waiters = this.waiters.filter((w) => !w(msg));
  }

  /** Resolves when an event matching the predicate arrives. */
  waitFor(predicate, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push((msg) => {
        if (!predicate(msg)) return false;
        clearTimeout(timer);
        resolve(msg);
        return true;
      });
    });
  }

  close() {
    if (!this.ws) return;
    if (this.paused) this.ws.resume();
    this.ws.terminate();
  }
}

async function connectAll(target, n, pausedCount, deflate, opts) {
  const wsUrl = target.base.replace(/^http/, 'ws') + '/ws';
  const clients = [];
  // The paused clients are spread over the set rather than all first or last.
  const pausedEvery = pausedCount > 0 ? n / pausedCount : Infinity;
  let pausedSoFar = 0;
  for (let i = 0; i < n; i++) {
    const paused = pausedSoFar < pausedCount && Math.floor((i + 1) / pausedEvery) > pausedSoFar;
    if (paused) pausedSoFar++;
    clients.push(new Client(i, wsUrl, paused, target, deflate));
  }
  for (let i = 0; i < n; i += opts.connectBatch) {
    await Promise.all(clients.slice(i, i + opts.connectBatch).map((c) => c.connect(opts.timeoutSeconds * 1000)));
  }
  return clients;
}

// ---------------------------------------------------------------------------------------------
// One run: one target, N clients, a share paused, K cycles.

async function run(target, n, pausedShare, deflate, opts) {
  const timeoutMs = opts.timeoutSeconds * 1000;
  const before = memory(target.pid);
  const clients = await connectAll(target, n, Math.round(n * pausedShare), deflate, opts);
  const reading = clients.filter((c) => !c.paused);
  const paused = clients.filter((c) => c.paused);
  const reference = reading[0];
  const notes = prose(opts.notesBytes);
  let peak = memory(target.pid);
  const sampler = setInterval(() => {
    const m = memory(target.pid);
    if (m && (!peak || m.rss > peak.rss)) peak = { rss: m.rss, threads: Math.max(m.threads, peak ? peak.threads : 0) };
  }, 250);

  const probe = statusProbe(target, opts.statusEveryMs);
  await probe.ready();
  const started = nowMs();
  await startLoop(target);
  // The loop now waits for the external Student. Each cycle: the Student asks, the Mentor answers;
  // the next request goes when the reference client has seen the event it causes, so the run
  // measures delivery, not a queue of HTTP calls.
  for (let k = 0; k < opts.cycles; k++) {
    const student = reference.waitFor((m) => m.event === 'student_output', timeoutMs, `student_output of cycle ${k + 1}`);
    await call(target, 'POST', '/api/student/result', studentResult());
    await student;
    const mentor = reference.waitFor((m) => m.event === 'mentor_output', timeoutMs, `mentor_output of cycle ${k + 1}`);
    await call(target, 'POST', '/api/mentor/result', { mentorOutput: notes, timestamp: new Date().toISOString() });
    await mentor;
  }
  const complete = reference.waitFor((m) => m.event === 'loop_complete', timeoutMs, 'loop_complete');
  await call(target, 'POST', '/api/stop', { reason: 'bench' });
  await complete;
  const expectedLast = reference.lastSeq;
  // Let the other reading clients drain what is already on its way.
  const drainUntil = nowMs() + timeoutMs;
  while (reading.some((c) => (c.lastSeq ?? -1) < expectedLast) && nowMs() < drainUntil) await sleep(10);
  const elapsedS = (nowMs() - started) / 1000;
  const status = await probe.stop();
  const during = memory(target.pid);

  // Let the paused clients read again: each must end with loop_complete, and what it received
  // plus what the server said it dropped must add up to every event (oldest dropped, none lost
  // silently).
  for (const c of paused) c.ws.resume();
  const resumeUntil = nowMs() + timeoutMs;
  while (paused.some((c) => (c.lastSeq ?? -1) < expectedLast) && nowMs() < resumeUntil) await sleep(10);
  clearInterval(sampler);

  const all = [];
  for (const c of reading) for (const l of c.latencies) all.push(l);
  all.sort((a, b) => a - b);
  const expectedEach = expectedLast - reference.snapshot;
  const wireBytes = reference.ws._socket.bytesRead - reference.bytesAtStart;
  const result = {
    target: target.name,
    clients: n,
    paused: paused.length,
    deflate: String(reference.extensions || '').includes('permessage-deflate'),
    eventsPerClient: expectedEach,
    perSecond: reading.reduce((s, c) => s + c.events, 0) / elapsedS,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.length ? all[all.length - 1] : NaN,
    statusP50: percentile(status, 50),
    statusP99: percentile(status, 99),
    bytesPerEvent: wireBytes / Math.max(1, reference.events),
    readingComplete: reading.filter((c) => c.events === expectedEach && c.outOfOrder === 0).length,
    readingTotal: reading.length,
    readingDropped: reading.reduce((s, c) => s + c.dropped, 0),
    pausedDropped: paused.reduce((s, c) => s + c.dropped, 0),
    pausedAccounted: paused.filter((c) => c.lastSeq === expectedLast && c.events + c.dropped === expectedEach).length,
    seconds: elapsedS,
    before,
    during: peak && during ? { rss: Math.max(peak.rss, during.rss), threads: Math.max(peak.threads, during.threads) } : during,
  };
  for (const c of clients) c.close();
  // After the clients left: give the server time to forget them, then sample again.
  await sleep(opts.settleSeconds * 1000);
  result.after = memory(target.pid);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reporting

function fmt(x, digits = 1) {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

function mem(m) {
  return m ? `${fmt(m.rss, 0)} MB/${m.threads}` : '-';
}

function markdown(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padStart(widths[i])).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 1) + ':').join('|') + '|', ...rows.map(line)].join('\n');
}

function resultsTable(results) {
  const head = ['target', 'clients', 'paused', 'deflate', 'events/client', 'recv events/s', 'p50 ms', 'p99 ms', 'max ms', 'status p99 ms', 'wire B/event', 'reading complete', 'dropped (reading)', 'dropped (paused)', 'paused accounted', 'RSS/threads before', 'during', 'after'];
  return markdown(
    head,
    results.map((r) => [
      r.target, r.clients, r.paused, r.deflate ? 'yes' : 'no', r.eventsPerClient, fmt(r.perSecond, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(r.max, 2),
      fmt(r.statusP99, 2), fmt(r.bytesPerEvent, 0), `${r.readingComplete}/${r.readingTotal}`, r.readingDropped, r.pausedDropped, `${r.pausedAccounted}/${r.paused}`,
      mem(r.before), mem(r.during), mem(r.after),
    ]),
  );
}

function ratioTable(results) {
  const rows = [];
  for (const s of results.filter((r) => r.target === 'smile')) {
    const p = results.find((r) => r.target === 'peer' && r.clients === s.clients && r.paused === s.paused && r.deflate === s.deflate);
    if (!p) continue;
    rows.push([s.clients, s.paused, s.deflate ? 'yes' : 'no', fmt(s.p50 / p.p50, 2), fmt(s.p99 / p.p99, 2), fmt(s.max / p.max, 2)]);
  }
  return rows.length ? markdown(['clients', 'paused', 'deflate', 'p50 SMILE/peer', 'p99 SMILE/peer', 'max SMILE/peer'], rows) : '';
}

/** The issue's targets, checked on SMILE's results; each a line "ok"/"MISSED". */
function targets(results, startMemory) {
  const lines = [];
  const check = (ok, text) => lines.push(`${ok ? 'ok    ' : 'MISSED'} ${text}`);
  const smile = results.filter((r) => r.target === 'smile' && !r.deflate);
  for (const s of smile) {
    const p = results.find((r) => r.target === 'peer' && r.clients === s.clients && r.paused === s.paused && !r.deflate);
    if (p) check(s.p99 / p.p99 <= 1.5, `${s.clients}/${s.paused}: p99 ratio ${fmt(s.p99 / p.p99, 2)} <= 1.5`);
    check(s.statusP99 <= 10, `${s.clients}/${s.paused}: GET /api/status p99 ${fmt(s.statusP99, 2)} ms <= 10`);
    if (s.clients >= 1000) check(s.p99 <= 50, `${s.clients}/${s.paused}: p99 ${fmt(s.p99, 2)} ms <= 50`);
    if (s.paused > 0) {
      const calm = smile.find((r) => r.clients === s.clients && r.paused === 0);
      if (calm) check(s.p99 / calm.p99 <= 1.2, `${s.clients}: p99 with stalled clients / without ${fmt(s.p99 / calm.p99, 2)} <= 1.2`);
    }
    if (s.during && s.clients >= 1000) check(s.during.rss <= 600, `${s.clients}/${s.paused}: RSS during ${fmt(s.during.rss, 0)} MB <= 600`);
  }
  // The server as it was started, before the warm-up run or any client.
  const start = startMemory || (smile[0] && smile[0].before);
  if (start) check(start.rss <= 300, `RSS after start ${fmt(start.rss, 0)} MB <= 300`);
  const last = smile[smile.length - 1];
  if (start && last && last.after) {
    check(last.after.rss <= start.rss * 1.2, `RSS after the last run ${fmt(last.after.rss, 0)} MB within 20% of ${fmt(start.rss, 0)} MB after start`);
    check(last.after.threads <= start.threads, `threads after the last run ${last.after.threads} <= ${start.threads} after start`);
  }
  return lines;
}

function correctness(results) {
  const problems = [];
  for (const r of results) {
    const id = `${r.target} ${r.clients}/${r.paused}${r.deflate ? ' deflate' : ''}`;
    if (r.readingComplete !== r.readingTotal) problems.push(`${id}: only ${r.readingComplete}/${r.readingTotal} reading clients got every event in order (${r.readingDropped} dropped)`);
    if (r.pausedAccounted !== r.paused) problems.push(`${id}: only ${r.pausedAccounted}/${r.paused} paused clients accounted for every event`);
    if (!(r.p50 >= 0 && r.p99 >= r.p50)) problems.push(`${id}: latencies look wrong (p50 ${r.p50}, p99 ${r.p99})`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

function spawnPeer(deflate) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'peer.mjs'), '--port', '0', ...(deflate ? ['--deflate'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
  });
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const targetsList = [];
  let inProcess;
  if (opts.selfTest) {
    // The harness checked against the peer in this process: no second process needed.
    inProcess = await startPeer({});
    targetsList.push({ name: 'peer', base: inProcess.base, token: null, pid: process.pid, wsAuth: 'header' });
    if (!process.argv.includes('--cycles')) opts.cycles = 50;
    opts.settleSeconds = 0;
  } else {
    const host = new URL(opts.base).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) && !host.startsWith('127.')) {
      console.error(`refusing to load ${host}: only loopback targets`);
      process.exit(2);
    }
    targetsList.push({ name: 'smile', base: opts.base, token: opts.token, wsAuth: opts.wsAuth, pid: opts.pid || listeningPid(opts.base) });
  }
  let peerProcess;
  if (opts.peer && !opts.selfTest) {
    peerProcess = await spawnPeer(opts.deflate.includes(true));
    targetsList.push({ name: 'peer', base: peerProcess.base, token: null, wsAuth: 'header', pid: peerProcess.child.pid });
  }
  console.log(`targets ${targetsList.map((t) => `${t.name}=${t.base} (pid ${t.pid ?? '?'})`).join(', ')}`);
  console.log(`clients ${opts.clients.join(',')}  paused ${opts.paused.join(',')}  cycles ${opts.cycles}  notes ${opts.notesBytes} B  deflate ${opts.deflate.join(',')}`);
  const results = [];
  const smileTarget = targetsList.find((t) => t.name === 'smile');
  const startMemory = smileTarget ? memory(smileTarget.pid) : null;
  if (startMemory) console.log(`  SMILE after start: RSS ${mem(startMemory)}`);
  try {
    // One unmeasured run per target first, so neither is measured while its code is still being
    // compiled (the JVM's JIT, V8's): the first configuration would otherwise pay for both.
    if (opts.warmupCycles > 0) {
      for (const target of targetsList) {
        await run(target, Math.min(...opts.clients), 0, false, { ...opts, cycles: opts.warmupCycles, settleSeconds: 0 });
      }
      console.log(`  warmed up: ${opts.warmupCycles} cycles on each target, not counted`);
    }
    // Round-robin: each configuration runs on every target before the next, so drift of the
    // machine hits both alike.
    for (const n of opts.clients) {
      for (const share of opts.paused) {
        for (const deflate of opts.deflate) {
          for (const target of targetsList) {
            const r = await run(target, n, share, deflate, opts);
            results.push(r);
            console.log(`  ${r.target} ${n} clients, ${r.paused} paused${deflate ? ', deflate' : ''}: p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, max ${fmt(r.max, 2)} ms, ${r.readingComplete}/${r.readingTotal} complete, status p99 ${fmt(r.statusP99, 2)} ms, RSS ${mem(r.before)} -> ${mem(r.during)} -> ${mem(r.after)}`);
          }
        }
      }
    }
  } finally {
    if (peerProcess) peerProcess.child.kill('SIGTERM');
    if (inProcess) inProcess.close();
  }
  console.log();
  console.log(resultsTable(results));
  const ratios = ratioTable(results);
  if (ratios) console.log(`\n${ratios}`);
  const goals = targets(results, startMemory);
  if (goals.length) console.log(`\ntargets:\n  ${goals.join('\n  ')}`);
  const problems = correctness(results);
  if (problems.length) {
    console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (opts.enforce && goals.some((g) => g.startsWith('MISSED'))) {
    console.error('\nFAILED: a target was missed (--enforce)');
    process.exit(1);
  }
  console.log('\nevery reading client received every event, in order');
  process.exit(0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
