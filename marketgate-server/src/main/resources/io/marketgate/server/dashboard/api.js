// Calls to the gateway API: JSON GETs and server-sent event streams, both with the API key.
//
// Event streams are read with fetch() rather than EventSource because EventSource cannot send
// headers, and the API takes keys only in headers (never in URLs, which end up in logs and
// history). The reader parses the text/event-stream format itself, resumes with Last-Event-ID,
// and treats a stream that has been silent for longer than two heartbeats as dropped.

const KEY_STORAGE = "marketgate.apiKey";
const HEARTBEAT_MS = 15000;
const SILENT_LIMIT_MS = 2 * HEARTBEAT_MS + 5000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10000;

/** The stored API key, or "" when none. */
export function apiKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

/** Stores (or with "" forgets) the API key. */
export function setApiKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key lasts for this page only
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  const key = apiKey();
  if (key) h["X-API-Key"] = key;
  return h;
}

/** An API answer other than 2xx: the status and the API's error code and message. */
export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function failure(response) {
  let code = "http_" + response.status;
  let message = response.statusText || "HTTP " + response.status;
  try {
    const doc = await response.json();
    if (doc && doc.error) code = doc.error;
    if (doc && doc.message) message = doc.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiFailure(response.status, code, message);
}

/** GETs path and returns the parsed JSON; throws ApiFailure or a network TypeError. */
export async function getJson(path, init = {}) {
  const response = await fetch(path, { headers: headers(), cache: "no-cache", ...init });
  if (!response.ok) throw await failure(response);
  return response.json();
}

// ------------------------------------------------------------------ connection state

const streams = new Set();
const stateListeners = new Set();

/** Calls fn(reconnecting: boolean, detail: string) whenever any stream's state changes. */
export function onConnectionState(fn) {
  stateListeners.add(fn);
  fn(false, "");
}

function publishState() {
  let reconnecting = false;
  let detail = "";
  for (const s of streams) {
    if (s.state === "reconnecting") {
      reconnecting = true;
      detail = s.detail;
    }
  }
  for (const fn of stateListeners) fn(reconnecting, detail);
}

/**
 * Opens a stream of topics (an array of strings). handlers.onEvent(type, data) gets every event
 * with its parsed JSON data; handlers.onFailure(ApiFailure) gets answers the stream cannot recover
 * from by retrying (4xx), after which the stream stays closed. Returns { close() }.
 */
export function openStream(topics, handlers) {
  const stream = {
    state: "connecting",
    detail: "",
    closed: false,
    lastEventId: null,
    controller: null,
    retryMs: RETRY_MIN_MS,
    close() {
      this.closed = true;
      if (this.controller) this.controller.abort();
      streams.delete(this);
      publishState();
    },
  };
  streams.add(stream);
  const url = "/v1/stream?topics=" + encodeURIComponent(topics.join(","));
  run(stream, url, handlers);
  return stream;
}

function setState(stream, state, detail = "") {
  stream.state = state;
  stream.detail = detail;
  publishState();
}

async function run(stream, url, handlers) {
  while (!stream.closed) {
    const controller = new AbortController();
    stream.controller = controller;
    let watchdog = null;
    try {
      const extra = { Accept: "text/event-stream" };
      if (stream.lastEventId) extra["Last-Event-ID"] = stream.lastEventId;
      const response = await fetch(url, {
        headers: headers(extra),
        cache: "no-store",
        signal: controller.signal,
      });
      if (!response.ok) {
        const f = await failure(response);
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          stream.closed = true;
          streams.delete(stream);
          publishState();
          if (handlers.onFailure) handlers.onFailure(f);
          return;
        }
        throw f;
      }
      setState(stream, "open");
      stream.retryMs = RETRY_MIN_MS;
      let lastByte = Date.now();
      watchdog = setInterval(() => {
        if (Date.now() - lastByte > SILENT_LIMIT_MS) controller.abort();
      }, 1000);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new EventParser((type, data, id) => {
        if (id !== null) stream.lastEventId = id;
        let parsed;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        handlers.onEvent(type, parsed);
      });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        lastByte = Date.now();
        parser.push(value);
      }
      throw new Error("the server closed the event stream");
    } catch (e) {
      if (stream.closed) return;
      setState(stream, "reconnecting", e && e.message ? e.message : String(e));
    } finally {
      if (watchdog) clearInterval(watchdog);
    }
    await new Promise((resolve) => setTimeout(resolve, stream.retryMs));
    stream.retryMs = Math.min(RETRY_MAX_MS, stream.retryMs * 2);
  }
}

/** The text/event-stream format (WHATWG HTML §9.2): fields per line, events end at a blank line. */
class EventParser {
  constructor(emit) {
    this.emit = emit;
    this.buffer = "";
    this.type = "";
    this.data = [];
    this.id = null;
  }

  push(text) {
    this.buffer += text;
    let nl;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const skip = this.buffer.startsWith("\r\n", nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + skip);
      this.line(line);
    }
  }

  line(line) {
    if (line === "") {
      if (this.data.length > 0) {
        this.emit(this.type || "message", this.data.join("\n"), this.id);
      }
      this.type = "";
      this.data = [];
      this.id = null;
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.type = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id") this.id = value;
  }
}
