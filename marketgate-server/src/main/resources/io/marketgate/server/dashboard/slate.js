// The slate board: moneylines, spreads and totals of one league and date with Kalshi prices against
// fair odds, live through the `slate` event stream (or, where the server has no such topic, by
// polling), with the freshness of its inputs and the games that could not be matched.

import { getJson, openStream } from "./api.js";
import { ageing, el, price, signed, text } from "./format.js";

const POLL_MS = 5000;
const INPUT_STALE_MS = 10 * 60 * 1000;
const BOOK_STALE_MS = 30000;
const TABLES = ["moneylines", "spreads", "totals"];
const COLUMNS = [
  { key: "game", label: "game" },
  { key: "label", label: "market" },
  { key: "strike", label: "strike", num: true },
  { key: "consensus_line", label: "line", num: true },
  { key: "fair", label: "fair", num: true, fmt: price3 },
  { key: "yes_bid", label: "YES bid", num: true, fmt: price },
  { key: "yes_ask", label: "YES ask", num: true, fmt: price },
  { key: "no_bid", label: "NO bid", num: true, fmt: price },
  { key: "no_ask", label: "NO ask", num: true, fmt: price },
  { key: "edge", label: "edge", num: true, fmt: (v) => signed(v, 3) },
  { key: "ev", label: "EV", num: true, fmt: (v) => signed(v, 3) },
  { key: "book", label: "book" },
];

let stream = null;
let timer = null;
let generation = 0;
const sort = { moneylines: null, spreads: null, totals: null }; // { key, dir } per table, kept across updates

function price3(v) {
  if (v === null || v === undefined || v === "") return "–";
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(3) : String(v);
}

/** Shows the slate of league and date (YYYY-MM-DD, or "" for the server's today) in root. */
export function start(root, league, date) {
  stop();
  const gen = generation;
  const dateInput = el("input", { type: "date", value: date || "", "data-testid": "slate-date" });
  dateInput.addEventListener("change", () => {
    location.hash = "#/slate/" + league + (dateInput.value ? "/" + dateInput.value : "");
  });
  const state = { league, date, doc: null, root };
  root.replaceChildren(
    el("div", { class: "toolbar" }, el("h2", {}, "Slate · " + league.toUpperCase()), el("label", {}, "date ", dateInput)),
    el("div", { "data-testid": "slate-status", class: "meta" }, "loading…"),
    el("div", { "data-testid": "slate-freshness", class: "freshness" }),
    ...TABLES.map((t) => el("section", { "data-testid": "slate-section-" + t }, el("h3", {}, t), el("div", { "data-testid": "slate-table-" + t }))),
    el("section", {}, el("h3", {}, "unmatched"), el("ul", { "data-testid": "slate-unmatched", class: "unmatched" })),
  );
  load(state, gen).then(() => {
    if (gen !== generation) return;
    stream = openStream(["slate"], {
      onEvent: (type, ev) => onSlateEvent(state, gen, ev),
      onFailure: () => poll(state, gen),
    });
  });
}

/** Closes the stream and stops polling. */
export function stop() {
  generation++;
  if (stream) stream.close();
  stream = null;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function query(state) {
  return "/v1/slate?league=" + encodeURIComponent(state.league) + (state.date ? "&date=" + encodeURIComponent(state.date) : "");
}

async function load(state, gen) {
  try {
    const doc = await getJson(query(state));
    if (gen !== generation) return;
    render(state, doc);
  } catch (e) {
    if (gen !== generation) return;
    const status = state.root.querySelector("[data-testid=slate-status]");
    status.replaceChildren(el("span", { class: "error", "data-testid": "slate-error" }, "slate unavailable: " + e.message));
    for (const t of state.root.querySelectorAll("[data-testid^=slate-table-]")) t.classList.add("stale");
    // Retry: the slate may appear once its inputs have data.
    if (timer === null) timer = setTimeout(() => ((timer = null), load(state, gen)), POLL_MS);
  }
}

function poll(state, gen) {
  const tick = async () => {
    if (gen !== generation) return;
    await load(state, gen);
    if (gen === generation) timer = setTimeout(tick, POLL_MS);
  };
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(tick, POLL_MS);
}

let refetching = false;

/** Whether doc was built before shown (build times to the millisecond; unknown counts as newer). */
function olderThan(doc, shown) {
  if (!shown) return false;
  const a = Date.parse(doc.generated_at);
  const b = Date.parse(shown.generated_at);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}

function onSlateEvent(state, gen, ev) {
  const doc = ev && ev.value && typeof ev.value === "object" ? ev.value : ev;
  if (doc && Array.isArray(doc.moneylines)) {
    const shown = state.doc;
    const sameLeague = !doc.league || doc.league === state.league;
    const sameDate = !doc.date || (state.date ? doc.date === state.date : !shown || doc.date === shown.date);
    // A slate's version identifies its inputs but is not ordered; its build time is.
    if (sameLeague && sameDate && !olderThan(doc, shown)) {
      render(state, doc);
    }
    return;
  }
  // An event without the document: fetch the current slate (one fetch at a time).
  if (refetching) return;
  refetching = true;
  load(state, gen).finally(() => (refetching = false));
}

function render(state, doc) {
  state.doc = doc;
  const root = state.root;
  const games = new Map((doc.games || []).map((g) => [g.game_key, g]));
  const calls = doc.calls || {};
  root.querySelector("[data-testid=slate-status]").replaceChildren(
    el("span", { "data-testid": "slate-version" }, "version " + text(doc.version)),
    " · date " + text(doc.date),
    " · built " + (doc.generated_at ? new Date(doc.generated_at).toLocaleTimeString() : "–"),
    " · " + (doc.games || []).length + " games",
    " · upstream calls " + text(calls.total),
  );
  root.querySelector("[data-testid=slate-freshness]").replaceChildren(freshness(doc.freshness || {}));
  for (const t of TABLES) {
    const box = root.querySelector("[data-testid=slate-table-" + t + "]");
    box.classList.remove("stale");
    box.replaceChildren(table(t, doc[t] || [], games, state));
  }
  const unmatched = doc.unmatched || [];
  root.querySelector("[data-testid=slate-unmatched]").replaceChildren(
    ...(unmatched.length === 0
      ? [el("li", { class: "meta" }, "every game matched")]
      : unmatched.map((u) => el("li", { "data-testid": "unmatched-item" }, el("b", {}, u.side + " "), text(u.description || u.id), el("span", { class: "meta" }, " — " + text(u.reason))))),
  );
}

function freshness(f) {
  const odds = f.odds || {};
  const manifest = f.manifest || {};
  const books = f.books || {};
  const item = (name, testid, age, source, staleAfter) =>
    el(
      "span",
      { class: "fresh-item", "data-ages": "", "data-testid": testid },
      name + " ",
      ageing(el("span", {}), age, staleAfter, source && source !== "live"),
      source ? el("span", { class: source === "live" ? "meta" : "meta stale-cause" }, " (" + source + ")") : null,
    );
  return el(
    "div",
    {},
    item("odds", "fresh-odds", odds.age_ms, odds.source, INPUT_STALE_MS),
    item("manifest", "fresh-manifest", manifest.age_ms, manifest.source, INPUT_STALE_MS),
    el(
      "span",
      { class: "fresh-item" + ((books.missing || 0) + (books.stale || 0) > 0 ? " warn" : ""), "data-testid": "fresh-books" },
      "books max " + (books.max_age_ms === null || books.max_age_ms === undefined ? "–" : Math.round(books.max_age_ms / 1000) + " s"),
      " · " + text(books.stale ?? 0) + " stale · " + text(books.missing ?? 0) + " missing",
    ),
  );
}

function cellValue(row, key, games) {
  if (key === "game") {
    const g = games.get(row.game_key);
    return g ? g.away + " @ " + g.home : row.game_key;
  }
  if (key === "book") return row.book ? row.book.state : "";
  return row[key];
}

function compare(a, b, col, games) {
  const x = cellValue(a, col.key, games);
  const y = cellValue(b, col.key, games);
  const xa = x === null || x === undefined || x === "";
  const ya = y === null || y === undefined || y === "";
  if (xa || ya) return xa === ya ? 0 : xa ? 1 : -1; // absent values last
  if (col.num) return Number(x) - Number(y);
  return String(x).localeCompare(String(y));
}

function table(name, rows, games, state) {
  const s = sort[name];
  const sorted = rows.slice();
  if (s) {
    const col = COLUMNS.find((c) => c.key === s.key);
    sorted.sort((a, b) => {
      const c = compare(a, b, col, games);
      const absentLast = c !== 0 && (cellValue(a, col.key, games) == null || cellValue(b, col.key, games) == null);
      return absentLast ? c : s.dir * c;
    });
  }
  const head = el(
    "tr",
    {},
    ...COLUMNS.map((c) =>
      el(
        "th",
        {
          class: "sortable" + (c.num ? " num" : "") + (s && s.key === c.key ? (s.dir > 0 ? " asc" : " desc") : ""),
          "data-testid": "sort-" + c.key,
          "aria-sort": s && s.key === c.key ? (s.dir > 0 ? "ascending" : "descending") : "none",
          onclick: () => {
            sort[name] = s && s.key === c.key ? { key: c.key, dir: -s.dir } : { key: c.key, dir: c.num ? -1 : 1 };
            if (state.doc) render(state, state.doc);
          },
        },
        c.label,
      ),
    ),
  );
  const body = sorted.map((r) => {
    const edge = Number(r.edge);
    const book = r.book || {};
    const bookStale = book.state && book.state !== "live";
    return el(
      "tr",
      {
        "data-testid": "slate-row",
        "data-ticker": r.ticker,
        "data-game": r.game_key,
        "data-ages": "",
        class: [Number.isFinite(edge) && edge > 0 ? "edge-positive" : "", bookStale ? "stale" : ""].join(" ").trim(),
      },
      ...COLUMNS.map((c) => {
        if (c.key === "book") {
          return el(
            "td",
            { "data-testid": "cell-book", title: book.reason || "" },
            el("span", { class: bookStale ? "stale-cause" : "" }, text(book.state)),
            " ",
            book.age_ms === null || book.age_ms === undefined ? null : ageing(el("span", { class: "meta" }), book.age_ms, BOOK_STALE_MS, bookStale),
          );
        }
        if (c.key === "label") {
          return el("td", { "data-testid": "cell-label" }, el("a", { href: "#/explorer/kalshi/" + encodeURIComponent(r.ticker) }, text(r.label || r.ticker)));
        }
        const v = cellValue(r, c.key, games);
        return el("td", { class: c.num ? "num" : "", "data-testid": "cell-" + c.key.replace("_", "-") }, c.fmt ? c.fmt(v) : text(v));
      }),
    );
  });
  return el(
    "table",
    { class: "grid slate" },
    el("thead", {}, head),
    el("tbody", {}, ...(body.length ? body : [el("tr", {}, el("td", { colspan: COLUMNS.length, class: "meta" }, "no rows"))])),
  );
}
