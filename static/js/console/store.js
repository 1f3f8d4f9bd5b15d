// The console's copy of the workshop: the shared store plus the projector state it broadcasts, and the
// server's clock (the timer is counted from stored moments, as every screen counts it).
import { t } from "../core/i18n.js";
import { EVENTS } from "../core/events.js";
import { WorkshopStore } from "../core/store.js";

export class ConsoleStore extends WorkshopStore {
  replace(state, options) {
    this.projector = state.projector ?? this.projector ?? null;
    super.replace(state, options);
  }

  apply(envelope) {
    if (envelope.event === EVENTS.PROJECTOR_CHANGED) this.projector = envelope.data;
    super.apply(envelope);
  }

  note(noteId) {
    return this.notes.get(noteId) ?? null;
  }
}

export function clockFrom(serverTimeIso) {
  const offset = serverTimeIso ? Date.parse(serverTimeIso) - Date.now() : 0;
  return () => Date.now() + offset;
}

// "12:05" left and whether it runs, from the projector's timer state.
export function timerReading(timer, nowMs) {
  if (!timer || !timer.duration_seconds) return { text: "–", state: t("no timer") };
  const leftMs = timer.running && timer.ends_at ? Math.max(0, Date.parse(timer.ends_at) - nowMs) : timer.remaining_ms;
  const seconds = Math.ceil(leftMs / 1000);
  const pad = (n) => String(n).padStart(2, "0");
  const hours = Math.floor(seconds / 3600);
  const text = hours
    ? `${hours}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`
    : `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
  if (leftMs <= 0) return { text: "0:00", state: t("time is up") };
  return { text, state: timer.running ? t("running") : t("paused") };
}
