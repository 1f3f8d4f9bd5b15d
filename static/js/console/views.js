// One row of views: the welcome screen, each board (an ideas board as its wall and as a word cloud), and
// the evaluation. One click shows it at once; the projector service also ends any spotlight.
import { EVENTS } from "../core/events.js";
import { isolate } from "../core/user-text.js";

const KIND_WORDS = { tree: "tree", solutions: "solutions", washing_line: "washing line", ideas: "wall" };

export function viewsOf(structure) {
  const views = [{ key: "welcome", label: "Welcome and join code", event: EVENTS.PROJECTOR_TARGET, payload: { kind: "welcome" } }];
  for (const board of structure.boards) {
    if (board.kind === "ideas") {
      views.push({ key: `board:${board.id}:ideas`, label: `${isolate(board.title)}`, detail: "wall", boardId: board.id, event: EVENTS.PROJECTOR_DISPLAY, payload: { board_id: board.id, display: "wall" } });
      views.push({ key: `board:${board.id}:cloud`, label: `${isolate(board.title)}`, detail: "word cloud", boardId: board.id, event: EVENTS.PROJECTOR_DISPLAY, payload: { board_id: board.id, display: "cloud" } });
    } else {
      views.push({ key: `board:${board.id}:${board.kind}`, label: isolate(board.title), detail: KIND_WORDS[board.kind] ?? board.kind, boardId: board.id, event: EVENTS.PROJECTOR_TARGET, payload: { kind: "board", board_id: board.id } });
    }
  }
  views.push({ key: "evaluation", label: "Evaluation results", event: EVENTS.PROJECTOR_TARGET, payload: { kind: "evaluation" } });
  return views;
}

// What the projector shows now, as the key of the view that shows it (a spotlight or rotation is named).
export function showingKey(store) {
  const projector = store.projector ?? { mode: "single", target: { kind: "welcome" } };
  if (projector.spotlight_note_id && store.note(projector.spotlight_note_id)?.status === "visible") return "spotlight";
  if (projector.mode === "rotation") return "rotation";
  const target = projector.target ?? { kind: "welcome" };
  if (target.kind !== "board") return target.kind;
  const board = store.board(target.board_id);
  if (!board || (projector.hidden_board_ids ?? []).includes(board.id)) return "welcome";
  const cloud = board.kind === "ideas" && projector.board_displays?.[String(board.id)] === "cloud";
  return `board:${board.id}:${cloud ? "cloud" : board.kind}`;
}

export class ViewsRow {
  constructor(doc, store, act) {
    this.doc = doc;
    this.store = store;
    this.act = act;
    this.row = doc.getElementById("views");
    this.showing = doc.getElementById("showing-now");
    this.clear = doc.getElementById("clear-spotlight");
    this.clear.addEventListener("click", () => this.clearSpotlight());
  }

  views() {
    return viewsOf(this.store.structure);
  }

  // The buttons are rebuilt only when the boards change, so a click or the keyboard focus is never lost to
  // a redraw; every other change only moves aria-pressed.
  render() {
    const key = showingKey(this.store);
    const views = this.views();
    const signature = JSON.stringify(views.map((view) => [view.key, view.label, view.detail]));
    if (signature !== this.signature) this.build(views);
    this.signature = signature;
    for (const button of this.row.children) button.setAttribute("aria-pressed", String(button.dataset.view === key));
    this.describe(key, views);
  }

  build(views) {
    this.row.replaceChildren(
      ...views.map((view) => {
        const button = this.doc.createElement("button");
        button.type = "button";
        button.className = "view-button";
        button.dataset.view = view.key;
        const title = this.doc.createElement("span");
        title.className = "view-title";
        title.textContent = view.label;
        button.append(title);
        if (view.detail) {
          const detail = this.doc.createElement("span");
          detail.className = "view-detail";
          detail.textContent = view.detail;
          button.append(detail);
        }
        button.addEventListener("click", () => this.show(view));
        return button;
      }),
    );
  }

  describe(key, views) {
    const current = views.find((view) => view.key === key);
    const projector = this.store.projector;
    let words = current ? `${current.label}${current.detail ? ` (${current.detail})` : ""}` : key;
    if (key === "spotlight") words = `a spotlighted note`;
    if (key === "rotation") words = `a rotation every ${projector.rotation.seconds} s`;
    this.showing.textContent = words;
    this.clear.hidden = key !== "spotlight";
  }

  show(view) {
    return this.act(view.event, view.payload, `Showing ${view.label}${view.detail ? ` (${view.detail})` : ""}`);
  }

  // The next board after the one on screen (or the first), skipping the welcome and evaluation views.
  showNextBoard() {
    const boards = this.views().filter((view) => view.boardId !== undefined && view.detail !== "word cloud");
    if (!boards.length) return null;
    const key = showingKey(this.store);
    const at = boards.findIndex((view) => key.startsWith(`board:${view.boardId}:`));
    return this.show(boards[(at + 1) % boards.length]);
  }

  clearSpotlight() {
    return this.act(EVENTS.PROJECTOR_SPOTLIGHT, { note_id: null }, "Spotlight cleared");
  }
}
