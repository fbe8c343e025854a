// The GET /api/status probe of bench.mjs, in a worker thread of its own: on the harness's main
// thread its timings would include the time that thread spends parsing the frames of every
// client, which is the harness's delay, not the server's.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { url, headers, everyMs } = workerData;
const latencies = [];
let running = true;
parentPort.on('message', (msg) => {
  if (msg === 'stop') running = false;
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Unmeasured: a new worker's first calls include compiling its HTTP client.
for (let i = 0; i < 5; i++) {
  const res = await fetch(url, { headers }).catch(() => null);
  if (res) await res.arrayBuffer();
}
parentPort.postMessage('ready');
while (running) {
  const t0 = performance.now();
  const res = await fetch(url, { headers }).catch(() => null);
  if (res) await res.arrayBuffer();
  if (res && res.status === 200) latencies.push(performance.now() - t0);
  await sleep(everyMs);
}
parentPort.postMessage(latencies);
