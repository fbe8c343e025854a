#!/usr/bin/env node
// The peer of the /ws benchmark: a minimal broadcaster on the npm `ws` package with the REST calls
// the benchmark drives (POST /api/loop, /api/student/result, /api/mentor/result, /api/stop and
// GET /api/status). Each REST call that causes a transition broadcasts the same events, with the
// same envelope shape ({"event", "payload", "seq", "timestamp"}) and payloads of the same size,
// as SMILE Loop does: stamp once, JSON once, the same text to every open socket. Nothing else:
// no per-client queue, no drop policy, no replay, no heartbeat. It is the "plain WebSocket server
// doing the same work" SMILE is compared with.
//
//   node peer.mjs [--port 0] [--deflate]      # prints "listening PORT" when ready

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';

export function nowMs() {
  return performance.timeOrigin + performance.now();
}

/** "2025-05-01T09:30:00.000120Z": UTC with microseconds, as SMILE stamps its envelopes. */
export function isoMicros(ms) {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

export function startPeer({ port = 0, deflate = false } = {}) {
  return new Promise((resolve) => {
    let seq = 0;
    let loop = null; // { iteration, waiting: 'student' | 'mentor', startedAt }
    const perMessageDeflate = deflate ? { threshold: 1024 } : false;
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate });
    const broadcast = (event, payload) => {
      seq++;
      const text = JSON.stringify({ event, payload, seq, timestamp: isoMicros(nowMs()) });
      for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    };
    const now = () => new Date().toISOString();
    const state = () => ({
      history: [],
      iteration: loop ? loop.iteration : 0,
      mentorNotes: [],
      startedAt: loop ? loop.startedAt : null,
      status: loop ? `waiting_for_${loop.waiting}` : 'idle',
      updatedAt: now(),
    });
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const reply = (status, obj) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(obj));
        };
        if (req.method === 'GET' && req.url === '/api/status') {
          reply(200, state());
        } else if (req.method === 'POST' && req.url === '/api/loop') {
          if (loop) return reply(409, { error: 'a loop is already running' });
          loop = { iteration: 1, waiting: 'student', startedAt: now() };
          reply(202, { started: true });
          broadcast('iteration_start', { iteration: 1, timestamp: now() });
        } else if (req.method === 'POST' && req.url === '/api/student/result') {
          if (!loop || loop.waiting !== 'student') return reply(503, { error: 'not waiting for the student' });
          const out = JSON.parse(body).studentOutput;
          loop.waiting = 'mentor';
          reply(200, { acknowledged: true, nextAction: 'continue' });
          broadcast('student_output', { currentStep: out.current_step, status: out.status, summary: out.summary });
        } else if (req.method === 'POST' && req.url === '/api/mentor/result') {
          if (!loop || loop.waiting !== 'mentor') return reply(503, { error: 'not waiting for the mentor' });
          loop.iteration++;
          loop.waiting = 'student';
          reply(200, { acknowledged: true, nextAction: 'continue' });
          broadcast('mentor_output', { notes: JSON.parse(body).mentorOutput });
          broadcast('iteration_start', { iteration: loop.iteration, timestamp: now() });
        } else if (req.method === 'POST' && req.url === '/api/stop') {
          if (!loop) return reply(503, { error: 'no loop is running' });
          const iterations = loop.iteration;
          loop = null;
          reply(200, { stopped: true, finalState: state() });
          broadcast('loop_complete', { iterations, status: 'stopped', summary: 'stopped: bench' });
        } else {
          reply(404, { error: 'not found' });
        }
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url.startsWith('/ws')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(JSON.stringify({ event: 'connected', payload: { lastSeq: seq, state: state() }, seq, timestamp: isoMicros(nowMs()) }));
      });
    });
    server.listen(port, '127.0.0.1', () =>
      resolve({
        server,
        wss,
        base: `http://127.0.0.1:${server.address().port}`,
        close: () => {
          wss.clients.forEach((ws) => ws.terminate());
          server.close();
        },
      }),
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const port = argv.includes('--port') ? Number(argv[argv.indexOf('--port') + 1]) : 0;
  const peer = await startPeer({ port, deflate: argv.includes('--deflate') });
  console.log(`listening ${new URL(peer.base).port}`);
  process.on('SIGTERM', () => {
    peer.close();
    process.exit(0);
  });
}
