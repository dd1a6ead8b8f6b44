// Small DOM and formatting helpers shared by the pages, and the clock that ages data on screen.

/** A new element: el("td", { class: "num", "data-testid": "x" }, "text", child, ...). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** "12 s old", "3 min old", "2 h old" for an age in milliseconds. */
export function ageText(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "no data";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return s + " s old";
  if (s < 7200) return Math.round(s / 60) + " min old";
  return Math.round(s / 3600) + " h old";
}

/** A price or probability ("0.5700", 0.57) as "0.57"; "–" when absent. */
export function price(v) {
  if (v === null || v === undefined || v === "") return "–";
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(2) : String(v);
}

/** A signed number with digits decimals ("+0.031"); "–" when absent. */
export function signed(v, digits = 3) {
  if (v === null || v === undefined || v === "") return "–";
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return (n > 0 ? "+" : "") + n.toFixed(digits);
}

/** Any value as display text; "–" when absent. */
export function text(v) {
  return v === null || v === undefined || v === "" ? "–" : String(v);
}

// ------------------------------------------------------------------ ageing

/**
 * Marks e as showing data that was ageMs old at this moment; from now on the clock rewrites its
 * text to "N s old" every second and adds the class "stale" once it is older than staleAfterMs or
 * when forceStale is true (the server already labelled it stale).
 */
export function ageing(e, ageMs, staleAfterMs, forceStale = false) {
  if (ageMs === null || ageMs === undefined || !Number.isFinite(Number(ageMs))) {
    e.textContent = "no data";
    e.classList.add("stale");
    e.removeAttribute("data-born");
    return e;
  }
  e.dataset.born = String(Date.now() - Number(ageMs));
  e.dataset.staleAfter = String(staleAfterMs);
  e.dataset.forceStale = forceStale ? "1" : "";
  refresh(e);
  return e;
}

function refresh(e) {
  const age = Date.now() - Number(e.dataset.born);
  e.textContent = ageText(age);
  const stale = e.dataset.forceStale === "1" || age > Number(e.dataset.staleAfter);
  e.classList.toggle("stale", stale);
  const row = e.closest("[data-ages]");
  if (row) {
    const anyStale = row.querySelector("[data-born].stale, .stale-cause") !== null;
    row.classList.toggle("stale", anyStale);
  }
}

setInterval(() => {
  for (const e of document.querySelectorAll("[data-born]")) refresh(e);
}, 1000);
