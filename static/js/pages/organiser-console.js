// Entry point of the organiser's console for the day. Every action is a socket request the existing
// services answer; the page redraws from the broadcasts like every other screen, so two consoles (or the
// console and the projector controls page) never disagree.
import { AgendaPanel } from "../console/agenda.js";
import { NoteSearch } from "../console/notes.js";
import { bindShortcuts } from "../console/shortcuts.js";
import { ModerationQueue, VoteRounds } from "../console/side.js";
import { ConsoleStore, clockFrom, timerReading } from "../console/store.js";
import { ViewsRow, shownTree } from "../console/views.js";
import { showConnection } from "../core/connection-status.js";
import { EVENTS } from "../core/events.js";
import { connectLive } from "../core/live.js";
import { nt, t } from "../core/i18n.js";
import { readPageState } from "../core/page-state.js";
import { mountProjectorZoom } from "../organiser/projector-zoom.js";

const PRESENCE_EVERY_MS = 10_000;
const state = readPageState();
const store = new ConsoleStore(state);
const now = clockFrom(state.server_time);
const message = document.getElementById("console-message");

const live = connectLive({
  auth: { workshop_id: state.workshop_id },
  store,
  onStatus: (value, detail) => {
    showConnection(document.getElementById("connection"), value, detail);
    if (value === "online") refreshRounds();
  },
});

// One way to act: the request, then a line saying what happened (or why not), read out politely.
// Requests go one after another: two projector changes in flight at once (the timer that follows "Move on"
// and a view clicked meanwhile) could each commit from the state before the other, and the later broadcast
// would undo the earlier change on every screen.
let pending = Promise.resolve();
function act(event, payload, success) {
  const run = pending.then(async () => {
    const ack = await live.request(event, payload);
    message.textContent = ack.ok ? success : ack.message || t("That did not work; try again.");
    message.classList.toggle("form-error", !ack.ok);
    return ack.ok;
  });
  pending = run.catch(() => false);
  return run;
}

const agenda = new AgendaPanel(document, store, act);
const views = new ViewsRow(document, store, act);
const search = new NoteSearch(document, store, act);
const queue = new ModerationQueue(document, store, act);
const rounds = new VoteRounds(document, store, act);

// Zoom on demand for a tree on the projector: the module shared with the projector controls page. It reads
// the workshop once, so it reads it again when the tree shown changes, or its zoom changes elsewhere.
const zoomPanel = document.getElementById("console-zoom");
const zoomControls = document.getElementById("console-zoom-controls");
const zoom = mountProjectorZoom(zoomControls, {
  workshopId: state.workshop_id,
  csrfToken: document.querySelector("input[name=csrf_token]").value,
  idPrefix: "console-zoom",
});
let zoomedTree = null;
function renderZoom() {
  const tree = shownTree(store);
  zoomPanel.hidden = !tree;
  if (!tree) return;
  const focus = store.projector?.focus;
  const focusKey = focus ? `${focus.kind}=${focus.value}` : "";
  if (tree.id !== zoomedTree || focusKey !== (zoomControls.dataset.focus ?? "")) reloadZoom();
  zoomedTree = tree.id;
}
// The reload redraws the pickers; keep what the organiser had chosen in them, where it still exists.
function reloadZoom() {
  const chosen = [...zoomControls.querySelectorAll("select")].map((select) => [select.id, select.value]);
  zoom
    .reload()
    .then(() => {
      for (const [id, value] of chosen) {
        const select = document.getElementById(id);
        if (select && [...select.options].some((option) => option.value === value)) select.value = value;
      }
    })
    .catch(() => {});
}

async function refreshRounds() {
  const ack = await live.request(EVENTS.MODERATION_OVERVIEW, {});
  if (ack.ok) rounds.setRounds(ack.rounds);
}

function render({ structure = false } = {}) {
  agenda.render();
  views.render();
  renderZoom();
  search.render();
  queue.render();
  if (structure) rounds.render(); // its board choice and buttons change only with the boards or the rounds
  tick();
}

store.subscribe((change) => {
  if (change.kind === "votes") refreshRounds();
  render({ structure: change.kind === "structure" || change.kind === "reset" });
});

const timerText = document.getElementById("console-timer");
const timerState = document.getElementById("console-timer-state");
const pauseButton = document.querySelector("[data-timer=pause]");
const resumeButton = document.querySelector("[data-timer=resume]");
function tick() {
  const reading = timerReading(store.projector?.timer, now());
  timerText.textContent = reading.text;
  timerState.textContent = `(${reading.state})`;
  // One of Pause and Resume, whichever applies.
  const timer = store.projector?.timer;
  pauseButton.hidden = !timer?.running;
  resumeButton.hidden = Boolean(timer?.running) || !timer?.remaining_ms;
}
setInterval(tick, 500);
for (const control of document.querySelectorAll("[data-timer]")) {
  control.addEventListener("click", () =>
    control.dataset.timer === "pause" ? act(EVENTS.TIMER_PAUSE, {}, t("Timer paused")) : act(EVENTS.TIMER_START, {}, t("Timer running")),
  );
}

// Phones, tablets and projector screens connected: read from the server, which alone knows every socket.
const projectorPresence = document.getElementById("projector-presence");
const devicePresence = document.getElementById("device-presence");
function showPresence(counts) {
  // This page's own preview is one projector screen; say so rather than count it as the room's.
  const screens = counts.projectors;
  projectorPresence.dataset.state = screens > 1 ? "connected" : "missing";
  projectorPresence.textContent =
    screens > 1
      ? nt("Projector connected ({n} screen besides this preview)", "Projector connected ({n} screens besides this preview)", screens - 1)
      : t("Projector not connected: open it on the projector laptop");
  // Not a template literal: pybabel's JS extractor does not see t()/nt() inside ${…}.
  const phones = nt("{n} phone", "{n} phones", counts.phones);
  const tablets = nt("{n} tablet", "{n} tablets", counts.tablets);
  devicePresence.textContent = `· ${phones} · ${tablets}`;
}
async function pollPresence() {
  try {
    const response = await fetch(`/organiser/workshops/${state.workshop_id}/console/connected`, { credentials: "same-origin" });
    if (response.ok) showPresence((await response.json()).connected);
  } catch {
    // The console's own connection line already says it is offline.
  }
}
showPresence({ ...state.connected, projectors: state.connected.projectors + 1 }); // the preview is loading
setInterval(pollPresence, PRESENCE_EVERY_MS);
setTimeout(pollPresence, 2000);

bindShortcuts(document, {
  n: () => agenda.moveOn(),
  b: () => views.showNextBoard(),
  c: () => views.clearSpotlight(),
  r: () => rounds.reveal(),
  "/": () => document.getElementById("note-search").focus(),
});

rounds.setRounds(state.rounds);
render({ structure: true });

// The preview is the real projector page at 1920x1080, scaled to the frame's width (set through CSSOM: CSP).
const frame = document.querySelector(".preview-frame");
new ResizeObserver(() => frame.style.setProperty("--preview-scale", String(frame.clientWidth / 1920))).observe(frame);
