#!/usr/bin/env node
// Benchmark of the SMILE Loop /ws event stream: many clients, some of which stop reading.
//
// It connects N clients to ws://HOST:PORT/ws, starts a loop over the REST API (SPEC section 5 plus
// POST /api/loop), drives K student/mentor cycles with HTTP calls, and measures for every event
// each client receives the delay from the event's server "timestamp" to its receipt (same machine,
// same clock), the events per second received, and the same with a share of the clients paused
// (their sockets stop reading). The reading clients' latency must stay low while others stall.
//
//   node bench.mjs http://127.0.0.1:3000            # 100 and 1000 clients, 0% and 10% paused
//   node bench.mjs http://127.0.0.1:3000 --clients 100 --cycles 50 --paused 0.1
//   node bench.mjs --self-test                       # against a fake server started in-process
//
// Only loopback targets are accepted: this is a load generator.

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';

const USAGE = `usage: node bench.mjs BASE_URL [--clients 100,1000] [--cycles 200] [--paused 0,0.1]
                          [--connect-batch 100] [--timeout 30]
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
    else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (!arg.startsWith('--') && !opts.base) opts.base = arg.replace(/\/+$/, '');
    else throw new Error(`unknown argument ${arg}`);
  }
  const bad = (xs) => xs.some((x) => !Number.isFinite(x));
  if (bad(opts.clients) || bad(opts.paused) || !Number.isFinite(opts.cycles)) {
    throw new Error('--clients, --cycles and --paused take numbers');
  }
  if (!opts.selfTest && !opts.base) throw new Error('give the server base URL, or --self-test');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Time: the server stamps "2025-05-01T09:30:00.000120Z" (UTC, microseconds). Compare it with the
// wall clock in fractional milliseconds.

function nowMs() {
  return performance.timeOrigin + performance.now();
}

function timestampMs(ts) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(ts);
  if (!m) return NaN;
  const whole = Date.parse(`${m[1]}Z`);
  const fraction = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return whole + fraction;
}

function isoMicros(ms) {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  const iso = new Date(whole).toISOString(); // ...sss Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// HTTP: JSON calls to the REST API, retried while the loop is not yet in a state that takes them
// (503), since a callback may race the orchestrator's transition.

async function call(base, method, path, body, { retries = 50, expect = [200, 202] } = {}) {
  let last;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expect.includes(res.status)) return text ? JSON.parse(text) : {};
    last = `${method} ${path} -> ${res.status} ${text.slice(0, 200)}`;
    if (res.status !== 503 && res.status !== 409) break;
    await sleep(Math.min(20 * (attempt + 1), 200));
  }
  throw new Error(last);
}

const TUTORIAL = '# T\n\n## Step\n\n```bash\necho hi\n```\n';

async function startLoop(base) {
  const body = {
    tutorialContent: TUTORIAL,
    config: {
      llmProvider: 'external',
      maxIterations: 1000,
      timeout: 3600,
      studentBehavior: { timeoutSeconds: 600 },
    },
  };
  try {
    return await call(base, 'POST', '/api/loop', body, { retries: 0 });
  } catch (first) {
    // A loop left over from an earlier run: stop it and try once more.
    await call(base, 'POST', '/api/stop', { reason: 'bench: clearing a previous loop' }, { retries: 0 }).catch(() => {});
    await sleep(200);
    return call(base, 'POST', '/api/loop', body, { retries: 10 });
  }
}

const studentResult = () => ({
  studentOutput: { status: 'ask_mentor', current_step: 'Step', question_for_mentor: 'q', summary: 's' },
  timestamp: new Date().toISOString(),
});
const mentorResult = () => ({ mentorOutput: 'notes', timestamp: new Date().toISOString() });

// ---------------------------------------------------------------------------------------------
// Clients

class Client {
  constructor(index, url, paused) {
    this.index = index;
    this.url = url;
    this.paused = paused;
    this.latencies = [];
    this.events = 0; // broadcast events received (not connected / notices)
    this.notices = 0;
    this.dropped = 0;
    this.firstSeq = null;
    this.lastSeq = null;
    this.outOfOrder = 0;
    this.counts = new Map();
    this.waiters = [];
  }

  connect(timeoutMs) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`client ${this.index}: no "connected" in ${timeoutMs} ms`)), timeoutMs);
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
        reject(err);
      });
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
      });
    });
  }

  onEnvelope(msg, at) {
    if (msg.event === 'error' && msg.payload && msg.payload.code) {
      this.notices++;
      if (msg.payload.code === 'events_dropped') this.dropped += msg.payload.dropped || 0;
      return;
    }
    this.events++;
    this.counts.set(msg.event, (this.counts.get(msg.event) || 0) + 1);
    if (this.firstSeq === null) this.firstSeq = msg.seq;
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

async function connectAll(wsUrl, n, pausedCount, batch, timeoutMs) {
  const clients = [];
  // The paused clients are spread over the set rather than all first or last.
  const pausedEvery = pausedCount > 0 ? n / pausedCount : Infinity;
  let pausedSoFar = 0;
  for (let i = 0; i < n; i++) {
    const paused = pausedSoFar < pausedCount && Math.floor((i + 1) / pausedEvery) > pausedSoFar;
    if (paused) pausedSoFar++;
    clients.push(new Client(i, wsUrl, paused));
  }
  for (let i = 0; i < n; i += batch) {
    await Promise.all(clients.slice(i, i + batch).map((c) => c.connect(timeoutMs)));
  }
  return clients;
}

// ---------------------------------------------------------------------------------------------
// One run: N clients, a share paused, K cycles.

async function run(base, n, pausedShare, opts) {
  const wsUrl = base.replace(/^http/, 'ws') + '/ws';
  const timeoutMs = opts.timeoutSeconds * 1000;
  const pausedCount = Math.round(n * pausedShare);
  const clients = await connectAll(wsUrl, n, pausedCount, opts.connectBatch, timeoutMs);
  const reading = clients.filter((c) => !c.paused);
  const paused = clients.filter((c) => c.paused);
  const reference = reading[0];

  const started = nowMs();
  await startLoop(base);
  // The loop now waits for the external Student. Each cycle: the Student asks, the Mentor answers;
  // the next request goes when the reference client has seen the event it causes, so the run
  // measures delivery, not a queue of HTTP calls.
  for (let k = 0; k < opts.cycles; k++) {
    const student = reference.waitFor((m) => m.event === 'student_output', timeoutMs, `student_output of cycle ${k + 1}`);
    await call(base, 'POST', '/api/student/result', studentResult());
    await student;
    const mentor = reference.waitFor((m) => m.event === 'mentor_output', timeoutMs, `mentor_output of cycle ${k + 1}`);
    await call(base, 'POST', '/api/mentor/result', mentorResult());
    await mentor;
  }
  const complete = reference.waitFor((m) => m.event === 'loop_complete', timeoutMs, 'loop_complete');
  await call(base, 'POST', '/api/stop', { reason: 'bench' });
  await complete;
  const expectedLast = reference.lastSeq;
  // Let the other reading clients drain what is already on its way.
  const drainUntil = nowMs() + timeoutMs;
  while (reading.some((c) => (c.lastSeq ?? -1) < expectedLast) && nowMs() < drainUntil) await sleep(10);
  const elapsedS = (nowMs() - started) / 1000;

  // Let the paused clients read again: each must end with loop_complete, and what it received
  // plus what the server said it dropped must add up to every event (oldest dropped, none lost
  // silently).
  for (const c of paused) c.ws.resume();
  const resumeUntil = nowMs() + timeoutMs;
  while (paused.some((c) => (c.lastSeq ?? -1) < expectedLast) && nowMs() < resumeUntil) await sleep(10);

  const all = [];
  for (const c of reading) for (const l of c.latencies) all.push(l);
  all.sort((a, b) => a - b);
  const eventsReceived = reading.reduce((s, c) => s + c.events, 0);
  const expectedEach = expectedLast - reference.snapshot;
  const result = {
    clients: n,
    paused: paused.length,
    cycles: opts.cycles,
    eventsPerClient: expectedEach,
    received: eventsReceived,
    perSecond: eventsReceived / elapsedS,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.length ? all[all.length - 1] : NaN,
    readingComplete: reading.filter((c) => c.events === expectedEach && c.outOfOrder === 0).length,
    readingTotal: reading.length,
    readingDropped: reading.reduce((s, c) => s + c.dropped, 0),
    pausedDropped: paused.reduce((s, c) => s + c.dropped, 0),
    pausedAccounted: paused.filter((c) => c.lastSeq === expectedLast && c.events + c.dropped === expectedEach).length,
    seconds: elapsedS,
  };
  for (const c of clients) c.close();
  await sleep(200);
  return result;
}

function fmt(x, digits = 1) {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

function table(results) {
  const head = ['clients', 'paused', 'cycles', 'events/client', 'recv events/s', 'p50 ms', 'p99 ms', 'max ms', 'reading complete', 'dropped (reading)', 'dropped (paused)', 'paused accounted', 'seconds'];
  const rows = results.map((r) => [
    r.clients,
    r.paused,
    r.cycles,
    r.eventsPerClient,
    fmt(r.perSecond, 0),
    fmt(r.p50, 2),
    fmt(r.p99, 2),
    fmt(r.max, 2),
    `${r.readingComplete}/${r.readingTotal}`,
    r.readingDropped,
    r.pausedDropped,
    `${r.pausedAccounted}/${r.paused}`,
    fmt(r.seconds, 1),
  ].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Self-test: a fake server with the same REST calls and envelope shape, so the script can be
// checked without SMILE Loop. It stamps each event once and sends the same text to every client.

function startFakeServer() {
  return new Promise((resolve) => {
    let seq = 0;
    let loop = null; // { iteration, waiting: 'student' | 'mentor' }
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const broadcast = (event, payload) => {
      seq++;
      const text = JSON.stringify({ event, payload, seq, timestamp: isoMicros(nowMs()) });
      for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    };
    const state = () => ({ status: loop ? `waiting_for_${loop.waiting}` : 'idle', iteration: loop ? loop.iteration : 0, mentorNotes: [], history: [] });
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const reply = (status, obj) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(obj));
        };
        if (req.method === 'POST' && req.url === '/api/loop') {
          if (loop) return reply(409, { error: 'a loop is already running' });
          loop = { iteration: 1, waiting: 'student' };
          reply(202, { started: true });
          broadcast('iteration_start', { iteration: 1, timestamp: new Date().toISOString() });
        } else if (req.method === 'POST' && req.url === '/api/student/result') {
          if (!loop || loop.waiting !== 'student') return reply(503, { error: 'not waiting for the student' });
          const out = JSON.parse(body).studentOutput;
          loop.waiting = 'mentor';
          reply(200, { acknowledged: true, nextAction: 'continue' });
          broadcast('student_output', { status: out.status, summary: out.summary, currentStep: out.current_step });
        } else if (req.method === 'POST' && req.url === '/api/mentor/result') {
          if (!loop || loop.waiting !== 'mentor') return reply(503, { error: 'not waiting for the mentor' });
          loop.iteration++;
          loop.waiting = 'student';
          reply(200, { acknowledged: true, nextAction: 'continue' });
          broadcast('mentor_output', { notes: JSON.parse(body).mentorOutput });
          broadcast('iteration_start', { iteration: loop.iteration, timestamp: new Date().toISOString() });
        } else if (req.method === 'POST' && req.url === '/api/stop') {
          if (!loop) return reply(503, { error: 'no loop is running' });
          const iterations = loop.iteration;
          loop = null;
          reply(200, { stopped: true, finalState: state() });
          broadcast('loop_complete', { status: 'stopped', summary: 'stopped: bench', iterations });
        } else {
          reply(404, { error: 'not found' });
        }
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url.startsWith('/ws')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(JSON.stringify({ event: 'connected', payload: { state: state(), lastSeq: seq }, seq, timestamp: isoMicros(nowMs()) }));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, wss, base: `http://127.0.0.1:${server.address().port}` }));
  });
}

function checkSelfTest(results) {
  const problems = [];
  for (const r of results) {
    const expected = 1 + 3 * r.cycles + 1; // iteration_start, then per cycle 3 events, then loop_complete
    if (r.eventsPerClient !== expected) problems.push(`${r.clients}/${r.paused}: ${r.eventsPerClient} events per client, expected ${expected}`);
    if (r.readingComplete !== r.readingTotal) problems.push(`${r.clients}/${r.paused}: only ${r.readingComplete}/${r.readingTotal} reading clients got every event in order`);
    if (r.pausedAccounted !== r.paused) problems.push(`${r.clients}/${r.paused}: only ${r.pausedAccounted}/${r.paused} paused clients accounted for every event`);
    if (!(r.p50 >= 0 && r.p99 >= r.p50)) problems.push(`${r.clients}/${r.paused}: latencies look wrong (p50 ${r.p50}, p99 ${r.p99})`);
  }
  const ts = isoMicros(Date.parse('2025-05-01T09:30:00.123Z') + 0.456);
  if (ts !== '2025-05-01T09:30:00.123456Z') problems.push(`isoMicros gave ${ts}`);
  if (Math.abs(timestampMs('2025-05-01T09:30:00.000120Z') - (Date.parse('2025-05-01T09:30:00Z') + 0.12)) > 1e-6) problems.push('timestampMs lost the microseconds');
  return problems;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  let fake;
  if (opts.selfTest) {
    fake = await startFakeServer();
    opts.base = fake.base;
    if (!process.argv.includes('--cycles')) opts.cycles = 50;
  }
  const host = new URL(opts.base).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) && !host.startsWith('127.')) {
    console.error(`refusing to load ${host}: only loopback targets`);
    process.exit(2);
  }
  console.log(`target ${opts.base}  clients ${opts.clients.join(',')}  paused ${opts.paused.join(',')}  cycles ${opts.cycles}`);
  const results = [];
  for (const n of opts.clients) {
    for (const share of opts.paused) {
      const r = await run(opts.base, n, share, opts);
      results.push(r);
      console.log(`  ${n} clients, ${r.paused} paused: p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, ${fmt(r.perSecond, 0)} events/s`);
    }
  }
  console.log();
  console.log(table(results));
  if (fake) {
    fake.wss.clients.forEach((ws) => ws.terminate());
    fake.server.close();
    const problems = checkSelfTest(results);
    if (problems.length) {
      console.error(`\nself-test FAILED:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log('\nself-test passed');
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
