// Follows /ws: remembers the highest `seq` it handled, reconnects with exponential backoff
// (1 s doubling to 30 s, with jitter) and asks for `?since=lastSeq`, so nothing is missed or
// handled twice. Events at or below the last seq are dropped: a replay never duplicates.

const FIRST_DELAY = 1000;
const MAX_DELAY = 30000;

/** The pause before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … 30 s, ±20 %. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class LiveStream {
  /**
   * @param {object} handlers onEvent(envelope), onConnected(payload, restarted),
   *     onState(connectionState, detail)
   * @param {() => string[]} protocols the subprotocols to offer on each attempt
   */
  constructor(handlers, protocols) {
    this.handlers = handlers;
    this.protocols = protocols;
    this.lastSeq = 0;
    this.attempt = 0;
    this.socket = null;
    this.timer = null;
  }

  start() {
    this.open();
  }

  url() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const base = new URL("ws", location.href);
    return scheme + "//" + base.host + base.pathname + "?since=" + this.lastSeq;
  }

  open() {
    this.timer = null;
    this.handlers.onState("connecting", this.attempt === 0 ? "" : "attempt " + (this.attempt + 1));
    let socket;
    try {
      socket = new WebSocket(this.url(), this.protocols());
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket === socket) {
        this.socket = null;
        this.retry();
      }
    };
  }

  receive(text) {
    let envelope;
    try {
      envelope = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (envelope.event === "connected") {
      this.attempt = 0;
      const serverSeq = envelope.payload.lastSeq || 0;
      // seq restarts at 1 when the server restarts: then everything we knew is stale.
      const restarted = serverSeq < this.lastSeq;
      if (restarted) this.lastSeq = 0;
      this.handlers.onState("live", "");
      this.handlers.onConnected(envelope.payload, restarted);
      return;
    }
    if (typeof envelope.seq === "number") {
      if (envelope.seq <= this.lastSeq) return; // already handled
      this.lastSeq = envelope.seq;
    }
    this.handlers.onEvent(envelope);
  }

  retry() {
    const delay = backoff(this.attempt);
    this.attempt += 1;
    this.handlers.onState("offline", "reconnecting in " + Math.ceil(delay / 1000) + " s");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  /** Reconnects at once with the current token (after it was entered). */
  reconnect() {
    const old = this.socket;
    this.socket = null;
    if (old) old.close();
    clearTimeout(this.timer);
    this.attempt = 0;
    this.open();
  }
}
