// The server's REST API and its token. The token lives in sessionStorage (this tab only); it
// arrives once, typed in or through a one-time link fragment `#token=...`.

const TOKEN_KEY = "smile.token";

/** Takes a `#token=...` fragment into sessionStorage and removes it from the address bar. */
export function adoptTokenFromLink() {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    setToken(match[1]);
    history.replaceState(null, "", location.pathname + location.search);
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

/** A failed call: the HTTP status and the server's `{"error"}` message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized = () => {};

/** Called whenever the server answers 401, so the page can ask for the token. */
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

async function call(method, path, body, accept) {
  const headers = { Accept: accept };
  const t = token();
  if (t) headers.Authorization = "Bearer " + t;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch (e) {
    throw new ApiError(0, "the server cannot be reached");
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    let message = response.statusText || "HTTP " + response.status;
    try {
      const json = await response.json();
      if (json && json.error) message = json.error;
    } catch (e) {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

export async function getJson(path) {
  return (await call("GET", path, undefined, "application/json")).json();
}

export async function postJson(path, body) {
  return (await call("POST", path, body, "application/json")).json();
}

/** A report as a Blob, fetched with the token (a plain link could not send it). */
export async function getBlob(path) {
  return (await call("GET", path, undefined, "*/*")).blob();
}

/** The WebSocket subprotocols of contract 1: the version, then the token if there is one. */
export function wsProtocols() {
  const t = token();
  return t ? ["smile.v1", "smile.bearer." + t] : ["smile.v1"];
}
