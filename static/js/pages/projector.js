// Entry point of the projector: follows the organiser's choice (a board, a rotation, a spotlighted
// note, the welcome screen), draws it with the view for its kind, and keeps it live.
import { connectLive } from "../core/live.js";
import { readPageState } from "../core/page-state.js";
import { Chrome } from "../projector/chrome.js";
import { PageTurner } from "../projector/page-turner.js";
import { ProjectorStore, resolveTarget, ServerClock } from "../projector/state.js";
import { viewFor } from "../projector/views.js";

const PAGE_SECONDS = Number(new URLSearchParams(location.search).get("page_seconds")) || 12;
const ROTATION_CHECK_MS = 500;

const state = readPageState();
const store = new ProjectorStore(state);
const roomLanguagesAtLoad = store.structure.workshop.languages ?? "";
const clock = new ServerClock(state.server_time);
const chrome = new Chrome(document, store, clock);
const root = document.getElementById("board");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

const live = connectLive({
  auth: { token: state.token },
  store,
  onStatus: (value, detail) => {
    chrome.showConnection(value, detail);
    if (value === "online") clock.sync(live).then(() => chrome.showTimer());
  },
});

let current = { key: null, view: null };
const turner = new PageTurner((index, count) => {
  current.view?.showPage(index);
  chrome.showPages(index, count);
}, PAGE_SECONDS);

function context(target) {
  return {
    store,
    live,
    target,
    board: target.board,
    root,
    workshopId: state.workshop_id,
    token: state.token,
    joinUrl: `${state.join_url}${store.structure.workshop.join_code}`,
    qrUrl: document.getElementById("join-qr").getAttribute("src"),
    reducedMotion: reducedMotion.matches,
    setPageCount: (count) => turner.setCount(count),
  };
}

// Rebuild the view only when what is shown changes; otherwise let the current view redraw.
function route({ redraw = false } = {}) {
  const target = resolveTarget(store, clock.now());
  if (target.key !== current.key) {
    current.view?.destroy();
    turner.index = 0;
    root.dataset.kind = target.kind;
    root.dataset.targetKey = target.key;
    chrome.showTarget(target);
    current = { key: target.key, view: viewFor(target.kind)(root, context(target)) };
    current.view.render();
  } else if (redraw) {
    chrome.showTarget(target);
    current.view.render();
  }
}

store.subscribe((change) => {
  if (change.kind === "note-added") current.view?.noteAdded(change.note);
  else if (change.kind === "note-updated") {
    current.view?.noteChanged(change.note);
    route(); // a spotlighted note that stops being visible ends the spotlight
  } else if (change.kind === "themes") {
    // Views that group by theme update in place; the rest show notes, which themes do not change.
    const view = current.view;
    if (view?.themesChanged) view.themesChanged(change.boardId);
  } else if (change.kind === "projector") {
    route();
    chrome.showAgenda();
    chrome.showTimer();
  } else {
    // The organiser chose other languages for the room: the chrome, catalogues and <html lang> come from
    // the server, so load the page again in them.
    if ((store.structure.workshop.languages ?? "") !== roomLanguagesAtLoad) location.reload();
    // A structure change, a reset after catch-up, or an event another feature added: redraw.
    route({ redraw: true });
    chrome.showAgenda();
    chrome.showTimer();
  }
});

// Keyboard on the projector laptop: arrows turn pages by hand.
document.addEventListener("keydown", (event) => {
  if (event.key === "ArrowRight" || event.key === "PageDown") turner.turn(1);
  else if (event.key === "ArrowLeft" || event.key === "PageUp") turner.turn(-1);
});

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => route({ redraw: true }), 150);
});

// Notes are measured to place them, so measure with the real font: wait for it (briefly), and measure
// again whenever a font arrives later (the emoji font loads only when a note holds an emoji).
const FONT_WAIT_MS = 2000;
await Promise.race([
  Promise.all(["400 1em 'Atkinson Hyperlegible'", "700 1em 'Atkinson Hyperlegible'"].map((font) => document.fonts.load(font))),
  new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS)),
]).catch(() => {});
document.fonts.addEventListener("loadingdone", () => route({ redraw: true }));

route({ redraw: true });
chrome.showAgenda();
chrome.showTimer();
setInterval(() => route(), ROTATION_CHECK_MS); // rotation moves on by the shared clock
setInterval(() => chrome.showAgenda(), 30000);
