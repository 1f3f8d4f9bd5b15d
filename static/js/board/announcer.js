// What a screen-reader user hears without looking: one polite live region, spoken sparingly.
// Others' new notes are gathered for a few seconds and told as one sentence per board ("3 new notes on
// Solutions"); the connection is told only when it changes; the character count only near the limit.
import { N_, nt, t } from "../core/i18n.js";
const BATCH_MS = 4000;
const NEAR_LIMIT_STEPS = [50, 20, 10, 0];
const CONNECTION_WORDS = {
  online: N_("Connected. Notes are sent at once."),
  offline: N_("Offline. Your notes are kept on this phone and sent when the network is back."),
  reconnecting: N_("Reconnecting."),
  refused: N_("This link no longer works."),
};

export class Announcer {
  constructor(region, { batchMs = BATCH_MS } = {}) {
    this.region = region;
    this.batchMs = batchMs;
    this.pending = new Map(); // board title -> count
    this.timer = null;
    this.connection = null;
    this.lastStep = null;
  }

  say(text) {
    // Cleared first, so the same sentence twice in a row is spoken twice.
    this.region.textContent = "";
    requestAnimationFrame(() => {
      this.region.textContent = text;
    });
  }

  noteFromOthers(boardTitle) {
    this.pending.set(boardTitle, (this.pending.get(boardTitle) ?? 0) + 1);
    if (this.timer === null) this.timer = setTimeout(() => this.flushNotes(), this.batchMs);
  }

  flushNotes() {
    this.timer = null;
    const parts = [...this.pending].map(([title, n]) => nt("{n} new note on {board}", "{n} new notes on {board}", n, { board: title }));
    this.pending.clear();
    if (parts.length) this.say(`${parts.join("; ")}.`);
  }

  connectionChanged(status) {
    if (status === this.connection) return;
    const first = this.connection === null;
    this.connection = status;
    // The first "connecting → live" on load is what everyone expects; say only what changes later.
    if (first && (status === "online" || status === "connecting")) return;
    if (CONNECTION_WORDS[status]) this.say(t(CONNECTION_WORDS[status]));
  }

  // Speak "20 characters left" once as each step is crossed, never on every keystroke.
  charactersLeft(left) {
    const step = NEAR_LIMIT_STEPS.find((value) => left <= value && left > (NEAR_LIMIT_STEPS[NEAR_LIMIT_STEPS.indexOf(value) + 1] ?? -1));
    if (step === undefined) {
      this.lastStep = null;
      return;
    }
    if (step === this.lastStep) return;
    this.lastStep = step;
    this.say(left === 0 ? t("No characters left.") : nt("{n} character left.", "{n} characters left.", left));
  }
}
