// Around every view: workshop title, the board's title and prompt, how to join (QR and code), the
// agenda's now and next, the organiser's countdown, the page indicator and the connection state.
import { showConnection } from "../core/connection-status.js";
import { N_ } from "../core/i18n.js";
import { isolate, showUserText } from "../core/user-text.js";
import { rt, rtParts, showRoomParts } from "./room-language.js";

const TITLES = {
  welcome: N_("Welcome"),
  evaluation: N_("Evaluation"),
  spotlight: N_("Spotlight"),
  tables: N_("Who sits where"),
  activities: N_("Afternoon activities"),
  recording: N_("Graphic recording"),
};
const TIMER_STATES = { running: "", paused: N_("(paused)"), ready: N_("(ready)"), done: "" };

function minutesOf(item) {
  return Number(item.starts_at.slice(0, 2)) * 60 + Number(item.starts_at.slice(3));
}

export function formatRemaining(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

// What the timer shows at `nowMs` (server time): {text, state} or null when no timer is set.
export function timerReading(timer, nowMs) {
  if (!timer) return null;
  if (timer.running && timer.ends_at) {
    const left = Date.parse(timer.ends_at) - nowMs;
    return left > 0 ? { text: formatRemaining(left), state: "running" } : { text: rt("Time's up"), state: "done" };
  }
  if (timer.remaining_ms > 0) {
    const full = timer.remaining_ms >= timer.duration_seconds * 1000;
    return { text: formatRemaining(timer.remaining_ms), state: full ? "ready" : "paused" };
  }
  return null;
}

export class Chrome {
  constructor(doc, store, clock) {
    this.store = store;
    this.clock = clock;
    this.el = {
      body: doc.body,
      workshopTitle: doc.getElementById("workshop-title"),
      boardTitle: doc.getElementById("board-title"),
      prompt: doc.getElementById("board-prompt"),
      join: doc.getElementById("join"),
      joinCode: doc.getElementById("join-code"),
      now: doc.getElementById("agenda-now"),
      next: doc.getElementById("agenda-next"),
      timer: doc.getElementById("timer"),
      timerText: doc.getElementById("timer-text"),
      timerState: doc.getElementById("timer-state"),
      pages: doc.getElementById("page-indicator"),
      connection: doc.getElementById("connection"),
    };
    this.ticker = null;
  }

  showTarget(target) {
    const { workshop } = this.store.structure;
    showUserText(this.el.workshopTitle, workshop.title);
    this.el.joinCode.textContent = workshop.join_code;
    const board = target.board;
    if (board) showUserText(this.el.boardTitle, board.title);
    else {
      showRoomParts(this.el.boardTitle, rtParts(TITLES[target.kind] ?? TITLES.welcome));
      this.el.boardTitle.removeAttribute("dir");
    }
    showUserText(this.el.prompt, board ? board.prompt : "");
    this.el.prompt.hidden = !board || !board.prompt;
    // The welcome view shows the join details large; the corner copy would only repeat them.
    this.el.join.hidden = target.kind === "welcome";
    this.el.body.dataset.kind = target.kind;
  }

  // The organiser's marker when set; otherwise the timetable against the wall clock.
  showAgenda() {
    const items = this.store.structure.agenda;
    const marker = this.store.projector?.agenda_now_id ?? null;
    let current = items.findIndex((item) => item.id === marker);
    if (marker === null || current < 0) {
      const now = new Date(this.clock.now());
      const minutes = now.getHours() * 60 + now.getMinutes();
      current = -1;
      items.forEach((item, index) => {
        if (minutesOf(item) <= minutes) current = index;
      });
    }
    const describe = (item) => (item ? `${item.starts_at} ${isolate(item.title)}` : "");
    this.el.now.textContent = describe(items[current]) || rt("Not started");
    this.el.next.textContent = describe(items[current + 1]) || "—";
  }

  showTimer() {
    const reading = timerReading(this.store.projector?.timer, this.clock.now());
    this.el.timer.hidden = !reading;
    clearInterval(this.ticker);
    this.ticker = null;
    if (!reading) return;
    const paint = () => {
      const now = timerReading(this.store.projector?.timer, this.clock.now());
      if (!now) return;
      this.el.timerText.textContent = now.text;
      const label = TIMER_STATES[now.state];
      this.el.timerState.textContent = label ? rt(label) : "";
      this.el.timer.dataset.state = now.state;
      if (now.state !== "running") {
        clearInterval(this.ticker);
        this.ticker = null;
      }
    };
    paint();
    if (reading.state === "running") this.ticker = setInterval(paint, 250);
  }

  showPages(index, count) {
    this.el.pages.hidden = count <= 1;
    this.el.pages.textContent = rt("Page {page}/{pages}", { page: index + 1, pages: count });
    this.el.pages.dataset.page = String(index + 1);
    this.el.pages.dataset.pages = String(count);
  }

  showConnection(status, detail) {
    showConnection(this.el.connection, status, detail, rt);
  }
}
