// The sources panel: each source's state, data age, budget headroom, calls per minute by outcome
// and continuity breaks, from /v1/sources and /health, polled every two seconds while shown.

import { getJson } from "./api.js";
import { ageing, el, text } from "./format.js";

const POLL_MS = 2000;
const OUTCOMES = ["ok", "client_error", "rate_limited", "server_error", "timeout", "malformed", "circuit_open"];

let timer = null;
let previous = new Map(); // source name -> { at, outcomes }

/** Shows the panel in root and keeps it current until stop(). */
export function start(root) {
  stop();
  root.replaceChildren(
    el("h2", {}, "Sources"),
    el("p", { class: "meta", "data-testid": "health" }, "loading…"),
    el("div", { "data-testid": "sources-body" }),
  );
  const tick = async () => {
    await poll(root);
    if (timer !== null) timer = setTimeout(tick, POLL_MS);
  };
  timer = setTimeout(tick, 0);
}

/** Stops polling. */
export function stop() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

async function poll(root) {
  const health = root.querySelector("[data-testid=health]");
  const body = root.querySelector("[data-testid=sources-body]");
  try {
    const [sources, h] = await Promise.all([getJson("/v1/sources"), healthDoc()]);
    health.replaceChildren(
      "gateway ",
      el("span", { class: "state state-" + h.status, "data-testid": "health-status" }, h.status),
      h.ready ? " · ready" : " · not ready",
      " · as of " + new Date(h.generated_at || Date.now()).toLocaleTimeString(),
    );
    body.replaceChildren(table(sources.sources || []));
  } catch (e) {
    health.replaceChildren(el("span", { class: "error", "data-testid": "sources-error" }, "sources unavailable: " + e.message));
    for (const row of body.querySelectorAll("tr[data-ages]")) row.classList.add("stale");
  }
}

// /health answers 503 with the same document when not ready: read it either way.
async function healthDoc() {
  const response = await fetch("/health", { cache: "no-cache" });
  return response.json();
}

function table(sources) {
  const now = Date.now();
  const rows = sources.map((s) => {
    const live = s.state === "live";
    const budget = s.budget || {};
    const rates = perMinute(s.name, budget.outcomes || {}, now);
    return el(
      "tr",
      { "data-testid": "source-row", "data-source": s.name, "data-ages": "", class: live ? "" : "stale" },
      el("td", {}, s.name),
      el("td", {}, s.venue),
      el("td", {}, s.kind),
      el("td", {}, el("span", { class: "state state-" + s.state + (live ? "" : " stale-cause"), "data-testid": "source-state" }, s.state)),
      el("td", { class: "num" }, ageing(el("span", { "data-testid": "source-age" }), s.age_ms, s.silent_after_ms, !live)),
      el("td", { class: "num" }, Math.round(s.silent_after_ms / 1000) + " s"),
      el("td", { class: "num" }, text(s.keys)),
      el("td", { class: "num", "data-testid": "source-epochs" }, text(s.epoch_bumps)),
      el("td", {}, headroom(budget)),
      el("td", { class: "outcomes" }, ...outcomeChips(budget.outcomes || {}, rates)),
      el("td", { class: "error-text" }, text(s.last_error)),
    );
  });
  return el(
    "table",
    { class: "grid", "data-testid": "sources-table" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...["source", "venue", "kind", "state", "age", "silent after", "keys", "epochs", "budget headroom", "calls (total · per min)", "last error"].map((h) => el("th", {}, h)),
      ),
    ),
    el("tbody", {}, ...rows),
  );
}

function headroom(budget) {
  const parts = [];
  if (budget.circuit) parts.push("circuit " + budget.circuit);
  if (budget.available_tokens !== null && budget.available_tokens !== undefined) parts.push(budget.available_tokens + " tokens");
  if (budget.remaining_credits !== null && budget.remaining_credits !== undefined) parts.push(budget.remaining_credits + " credits");
  return el("span", { class: budget.circuit && budget.circuit !== "closed" ? "warn" : "", "data-testid": "source-budget" }, parts.join(" · ") || "–");
}

function perMinute(name, outcomes, now) {
  const before = previous.get(name);
  previous.set(name, { at: now, outcomes: { ...outcomes } });
  const rates = {};
  if (!before || now - before.at < 500) return rates;
  for (const o of OUTCOMES) {
    const delta = (outcomes[o] || 0) - (before.outcomes[o] || 0);
    rates[o] = Math.max(0, (delta * 60000) / (now - before.at));
  }
  return rates;
}

function outcomeChips(outcomes, rates) {
  return OUTCOMES.filter((o) => (outcomes[o] || 0) > 0 || o === "ok").map((o) =>
    el(
      "span",
      { class: "chip" + (o === "ok" ? "" : " chip-bad"), "data-outcome": o },
      o + " " + (outcomes[o] || 0) + (rates[o] !== undefined ? " · " + rates[o].toFixed(1) + "/min" : ""),
    ),
  );
}
