// The markets/book explorer: search a ticker, see its book and a sparkline of its mid price from
// the history ring, kept current by the books:VENUE:TICKER event stream.

import { getJson, openStream } from "./api.js";
import { ageing, el, price, text } from "./format.js";

const DEPTH = 10;
const BOOK_STALE_MS = 30000;
const SPARK_POINTS = 300;
const SVG = "http://www.w3.org/2000/svg";

let stream = null;
let generation = 0; // bumped by stop(): a page left while loading does not open its stream
let markets = null; // cached market list for the search

/** Shows the explorer in root, with venue/ticker selected when given. */
export function start(root, venue, ticker) {
  stop();
  const input = el("input", {
    type: "search",
    placeholder: "ticker or title, e.g. KXNBAGAME",
    "data-testid": "ticker-search",
    autocomplete: "off",
  });
  const results = el("ul", { class: "results", "data-testid": "search-results" });
  const form = el(
    "form",
    {
      class: "search",
      onsubmit: (ev) => {
        ev.preventDefault();
        search(input.value, results);
      },
    },
    input,
    el("button", { type: "submit", "data-testid": "ticker-search-go" }, "Search"),
  );
  input.addEventListener("input", () => search(input.value, results));
  const book = el("div", { "data-testid": "book-panel" });
  root.replaceChildren(el("h2", {}, "Markets and books"), form, results, book);
  if (ticker) {
    input.value = ticker;
    show(book, venue || "kalshi", ticker);
  }
}

/** Closes the book stream. */
export function stop() {
  generation++;
  if (stream) stream.close();
  stream = null;
}

async function search(query, results) {
  const q = query.trim().toUpperCase();
  if (q.length < 2) {
    results.replaceChildren();
    return;
  }
  try {
    if (markets === null) {
      const doc = await getJson("/v1/markets?venue=kalshi&limit=1000");
      markets = doc.markets || [];
    }
    const hits = markets
      .filter((m) => m.ticker.toUpperCase().includes(q) || (m.title || "").toUpperCase().includes(q))
      .slice(0, 20);
    results.replaceChildren(
      ...hits.map((m) =>
        el(
          "li",
          {},
          el("a", { href: "#/explorer/" + m.venue + "/" + encodeURIComponent(m.ticker), "data-testid": "search-result" }, m.ticker),
          " ",
          el("span", { class: "meta" }, m.title || ""),
        ),
      ),
    );
    if (hits.length === 0) results.replaceChildren(el("li", { class: "meta" }, "no market matches " + query));
  } catch (e) {
    results.replaceChildren(el("li", { class: "error" }, "search failed: " + e.message));
  }
}

async function show(panel, venue, ticker) {
  const head = el("div", { class: "book-head" }, el("h3", { "data-testid": "book-ticker" }, ticker));
  const summary = el("div", { class: "book-summary", "data-testid": "book-summary" }, "loading…");
  const spark = el("div", { class: "spark", "data-testid": "sparkline-box" });
  const levels = el("div", { "data-testid": "book-levels" });
  panel.replaceChildren(head, summary, spark, levels);
  const mids = [];
  const gen = generation;
  try {
    const [market, book, history] = await Promise.all([
      getJson("/v1/markets/" + venue + "/" + encodeURIComponent(ticker)).catch(() => null),
      getJson("/v1/books/" + venue + "/" + encodeURIComponent(ticker) + "?depth=" + DEPTH),
      getJson("/v1/books/" + venue + "/" + encodeURIComponent(ticker) + "/history").catch(() => ({ snapshots: [] })),
    ]);
    if (market && market.title) head.append(el("p", { class: "meta" }, market.title));
    for (const s of history.snapshots || []) {
      if (s.yes_mid !== null && s.yes_mid !== undefined) mids.push({ seq: s.seq, mid: Number(s.yes_mid) });
    }
    renderBook(summary, levels, book, book.as_of);
    pushMid(mids, book);
    spark.replaceChildren(sparkline(mids));
  } catch (e) {
    summary.replaceChildren(el("span", { class: "error", "data-testid": "book-error" }, "book unavailable: " + e.message));
  }
  if (gen !== generation) return;
  stream = openStream(["books:" + venue + ":" + ticker], {
    onEvent: (type, ev) => {
      if (!ev.value) return;
      const book = { ...ev.value, seq: ev.seq, epoch: ev.epoch, source: ev.source, as_of: ev.as_of };
      renderBook(summary, levels, book, ev.as_of);
      pushMid(mids, book);
      spark.replaceChildren(sparkline(mids));
    },
    onFailure: (f) => summary.append(el("p", { class: "error" }, "live updates unavailable: " + f.message)),
  });
}

function pushMid(mids, book) {
  if (book.yes_mid === null || book.yes_mid === undefined) return;
  const last = mids[mids.length - 1];
  if (last && last.seq === book.seq) return;
  mids.push({ seq: book.seq, mid: Number(book.yes_mid) });
  if (mids.length > SPARK_POINTS) mids.splice(0, mids.length - SPARK_POINTS);
}

function renderBook(summary, levels, book, asOf) {
  const ageMs = asOf ? Date.now() - Date.parse(asOf) : null;
  const yes = book.yes || {};
  const no = book.no || {};
  summary.replaceChildren(
    el(
      "dl",
      { class: "facts", "data-ages": "" },
      el("dt", {}, "YES bid"),
      el("dd", { "data-testid": "book-yes-bid" }, price(yes.bid && yes.bid.price)),
      el("dt", {}, "YES ask"),
      el("dd", { "data-testid": "book-yes-ask" }, price(yes.ask && yes.ask.price)),
      el("dt", {}, "mid"),
      el("dd", { "data-testid": "book-mid" }, text(book.yes_mid)),
      el("dt", {}, "spread"),
      el("dd", {}, text(book.yes_spread)),
      el("dt", {}, "seq · epoch"),
      el("dd", { "data-testid": "book-seq" }, text(book.seq) + " · " + text(book.epoch)),
      el("dt", {}, "source"),
      el("dd", { class: book.source === "live" ? "" : "stale-cause", "data-testid": "book-source" }, text(book.source)),
      el("dt", {}, "age"),
      el("dd", {}, ageing(el("span", { "data-testid": "book-age" }), ageMs, BOOK_STALE_MS, book.source && book.source !== "live")),
    ),
  );
  const lv = book.levels || {};
  const yesBids = lv.yes_bids || [];
  const noBids = lv.no_bids || [];
  const n = Math.min(DEPTH, Math.max(yesBids.length, noBids.length));
  const rows = [];
  for (let i = 0; i < n; i++) {
    const y = yesBids[i] || [];
    const o = noBids[i] || [];
    rows.push(
      el(
        "tr",
        { "data-testid": "book-level" },
        el("td", { class: "num" }, price(y[0])),
        el("td", { class: "num" }, text(y[1])),
        el("td", { class: "num" }, price(o[0])),
        el("td", { class: "num" }, text(o[1])),
      ),
    );
  }
  levels.replaceChildren(
    el(
      "table",
      { class: "grid book" },
      el("thead", {}, el("tr", {}, el("th", {}, "YES bid"), el("th", {}, "size"), el("th", {}, "NO bid"), el("th", {}, "size"))),
      el("tbody", {}, ...rows),
    ),
  );
}

/** An SVG polyline of the mids, scaled to their range. */
function sparkline(mids) {
  const w = 480;
  const h = 80;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("width", String(w));
  svg.setAttribute("height", String(h));
  svg.setAttribute("data-testid", "sparkline");
  svg.setAttribute("data-points", String(mids.length));
  svg.setAttribute("role", "img");
  if (mids.length === 0) {
    svg.setAttribute("aria-label", "no mid-price history");
    return svg;
  }
  const values = mids.map((m) => m.mid);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 0.01) {
    lo -= 0.005;
    hi += 0.005;
  }
  const step = mids.length > 1 ? (w - 4) / (mids.length - 1) : 0;
  const pts = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(h - 4 - ((v - lo) / (hi - lo)) * (h - 8)).toFixed(1)}`);
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", pts.join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("class", "spark-line");
  svg.append(line);
  const title = document.createElementNS(SVG, "title");
  title.textContent = `mid ${values[values.length - 1]} (range ${Math.min(...values)}–${Math.max(...values)}, ${values.length} points)`;
  svg.append(title);
  svg.setAttribute("aria-label", title.textContent);
  return svg;
}
