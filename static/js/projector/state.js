// The projector's copy of the workshop: the shared store plus the projector state, and the server's
// clock. Countdown and rotation are computed here from stored moments, so every screen agrees.
import { EVENTS } from "../core/events.js";
import { WorkshopStore } from "../core/store.js";
import { focusKey } from "./focus.js";

const UPDATE_MEASURE = "projector:update";
const KEEP_MEASURES = 200;

export class ProjectorStore extends WorkshopStore {
  replace(state, options) {
    this.projector = state.projector ?? this.projector ?? null;
    super.replace(state, options);
  }

  // Every broadcast is timed (bench/projector_update.py reads these measures): the store update and
  // the view's redraw happen synchronously inside this call.
  apply(envelope) {
    const start = performance.now();
    if (envelope.event === EVENTS.PROJECTOR_CHANGED) {
      this.revision = envelope.revision;
      this.projector = envelope.data;
      this.structure.workshop.projector_board_id = envelope.data.board_id ?? null;
      this.emit({ kind: "projector" });
    } else {
      super.apply(envelope);
    }
    performance.measure(UPDATE_MEASURE, { start, end: performance.now(), detail: envelope.event });
    if (performance.getEntriesByName(UPDATE_MEASURE).length > KEEP_MEASURES) performance.clearMeasures(UPDATE_MEASURE);
  }

  note(noteId) {
    return this.notes.get(noteId) ?? null;
  }
}

// The server's time as this screen best knows it: first from the page, then from a round trip.
export class ServerClock {
  constructor(serverTimeIso) {
    this.offsetMs = serverTimeIso ? Date.parse(serverTimeIso) - Date.now() : 0;
  }

  now() {
    return Date.now() + this.offsetMs;
  }

  async sync(live) {
    const sent = Date.now();
    const ack = await live.request(EVENTS.PROJECTOR_CLOCK, {});
    if (!ack.ok) return;
    const received = Date.now();
    // The server answered half-way through the round trip, give or take.
    this.offsetMs = Date.parse(ack.server_time) - (sent + received) / 2;
  }
}

// What the projector should show at `nowMs`: a spotlighted note, a board (in rotation or alone), or a
// screen kind ("welcome", "evaluation"). `key` changes exactly when the view must be rebuilt.
export function resolveTarget(store, nowMs) {
  const projector = store.projector ?? { mode: "single", target: { kind: "welcome" } };
  const hidden = new Set(projector.hidden_board_ids ?? []);
  const spotlight = projector.spotlight_note_id ? store.note(projector.spotlight_note_id) : null;
  if (spotlight && spotlight.status === "visible") {
    return { key: `spotlight:${spotlight.id}`, kind: "spotlight", note: spotlight, board: store.board(spotlight.board_id) };
  }
  let boardId = null;
  let kind = projector.target?.kind ?? "welcome";
  if (projector.mode === "rotation") {
    const boards = (projector.rotation?.board_ids ?? []).filter((id) => store.board(id) && !hidden.has(id));
    kind = "welcome";
    if (boards.length) {
      const started = Date.parse(projector.rotation.started_at ?? "") || 0;
      const slot = Math.floor(Math.max(0, nowMs - started) / (projector.rotation.seconds * 1000));
      boardId = boards[slot % boards.length];
      kind = "board";
    }
  } else if (kind === "board") {
    boardId = projector.target.board_id;
  }
  const board = boardId !== null ? store.board(boardId) : null;
  if (kind === "board" && (!board || hidden.has(board.id))) kind = "welcome";
  if (kind !== "board") return { key: kind, kind, board: null };
  const chosen = projector.board_displays?.[String(board.id)];
  const display = displayOf(board, chosen);
  // The summary is drawn by the themes view but named apart, so switching between them rebuilds the view.
  const shown = display === "themes" && chosen === "summary" ? "summary" : display;
  // A zoomed tree is another view of the board: the key changes with the focus, so the view is rebuilt.
  const zoom = board.kind === "tree" ? focusKey(projector.focus) : "";
  return { key: `board:${board.id}:${shown}${zoom ? `:${zoom}` : ""}`, kind: display, board, display: shown };
}

// Which view draws a board: its own kind, or the organiser's other display for it (board_displays):
// an ideas board as a word cloud or by theme; an ideas wall or washing line as a summary by theme.
export function displayOf(board, chosen) {
  if (board.kind === "ideas" && chosen === "cloud") return "cloud";
  if (board.kind === "ideas" && chosen === "themes") return "themes";
  if ((board.kind === "ideas" || board.kind === "washing_line") && chosen === "summary") return "themes";
  return board.kind;
}
