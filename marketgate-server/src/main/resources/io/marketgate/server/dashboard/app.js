// The dashboard shell: hash routes (#/slate, #/explorer, #/sources), the API key field and the
// banner shown while an event stream is reconnecting.

import { apiKey, onConnectionState, setApiKey } from "./api.js";
import * as explorer from "./explorer.js";
import * as slate from "./slate.js";
import * as sources from "./sources.js";

const main = document.querySelector("[data-testid=main]");
const banner = document.querySelector("[data-testid=stream-banner]");
const pages = [slate, explorer, sources];

function route() {
  for (const p of pages) p.stop();
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const page = parts[0] || "slate";
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.page === page);
  }
  if (page === "explorer") {
    // #/explorer, #/explorer/TICKER or #/explorer/VENUE/TICKER
    const venue = parts.length > 2 ? parts[1] : "kalshi";
    const ticker = parts.length > 2 ? parts[2] : parts[1] || "";
    explorer.start(main, venue, ticker);
  } else if (page === "sources") {
    sources.start(main);
  } else {
    // #/slate, #/slate/LEAGUE, #/slate/LEAGUE/YYYY-MM-DD
    slate.start(main, parts[1] || "nba", parts[2] || "");
  }
}

const keyInput = document.querySelector("[data-testid=api-key]");
keyInput.value = apiKey();
document.querySelector("[data-testid=api-key-form]").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setApiKey(keyInput.value.trim());
  route();
});

onConnectionState((reconnecting, detail) => {
  banner.hidden = !reconnecting;
  banner.textContent = reconnecting ? "Live updates lost — reconnecting… (" + detail + ")" : "";
});

window.addEventListener("hashchange", route);
route();
