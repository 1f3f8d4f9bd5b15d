// One row of views: the welcome screen, each board in every way the projector can draw it (an ideas board
// as its wall, a word cloud, its ideas by theme and a summary by theme; the washing line as its cards and a
// summary), and the evaluation. One click shows it at once; the projector service also ends any spotlight.
import { EVENTS } from "../core/events.js";
import { N_, t } from "../core/i18n.js";
import { isolate } from "../core/user-text.js";

const KIND_WORDS = { tree: N_("tree"), solutions: N_("solutions"), washing_line: N_("washing line"), ideas: N_("wall") };
// The displays (projector/service.set_display) each kind of board has besides its own: [display, words].
const OTHER_DISPLAYS = {
  ideas: [["cloud", N_("word cloud")], ["themes", N_("themes")], ["summary", N_("summary")]],
  washing_line: [["summary", N_("summary")]],
};

// A view as a person reads it: the board's title and, when it has one, its display ("Ideas (word cloud)").
function viewWords(view) {
  return view.detail ? t("{title} ({display})", { title: view.label, display: view.detail }) : view.label;
}

export function viewsOf(structure) {
  const views = [{ key: "welcome", label: t("Welcome and join code"), event: EVENTS.PROJECTOR_TARGET, payload: { kind: "welcome" } }];
  for (const board of structure.boards) {
    const label = isolate(board.title);
    const others = OTHER_DISPLAYS[board.kind] ?? [];
    // A board with other displays is shown "as wall" (which also forgets the other display); one without is
    // simply put on the projector.
    const own = others.length
      ? { event: EVENTS.PROJECTOR_DISPLAY, payload: { board_id: board.id, display: "wall" } }
      : { event: EVENTS.PROJECTOR_TARGET, payload: { kind: "board", board_id: board.id } };
    views.push({ key: `board:${board.id}:${board.kind}`, label, detail: KIND_WORDS[board.kind] ? t(KIND_WORDS[board.kind]) : board.kind, boardId: board.id, ...own });
    for (const [display, words] of others) {
      views.push({ key: `board:${board.id}:${display}`, label, detail: t(words), boardId: board.id, display, event: EVENTS.PROJECTOR_DISPLAY, payload: { board_id: board.id, display } });
    }
  }
  views.push({ key: "evaluation", label: t("Evaluation results"), event: EVENTS.PROJECTOR_TARGET, payload: { kind: "evaluation" } });
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
  const chosen = projector.board_displays?.[String(board.id)];
  const known = (OTHER_DISPLAYS[board.kind] ?? []).some(([display]) => display === chosen);
  return `board:${board.id}:${known ? chosen : board.kind}`;
}

// The tree board on the projector now, if one is (the zoom controls apply to it), else null.
export function shownTree(store) {
  const key = showingKey(store);
  const board = key.startsWith("board:") ? store.board(Number(key.split(":")[1])) : null;
  return board?.kind === "tree" ? board : null;
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
        // A board's other displays follow its own button and show only their word ("themes"); the title
        // stays in their name for a screen reader, so the row is short enough to scan at a glance.
        button.className = view.display ? "view-button view-variant" : "view-button";
        button.dataset.view = view.key;
        const title = this.doc.createElement("span");
        title.className = view.display ? "view-title visually-hidden" : "view-title";
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
    let words = current ? viewWords(current) : key;
    if (key === "spotlight") words = t("a spotlighted note");
    if (key === "rotation") words = t("a rotation every {seconds} s", { seconds: projector.rotation.seconds });
    this.showing.textContent = words;
    this.clear.hidden = key !== "spotlight";
  }

  show(view) {
    return this.act(view.event, view.payload, t("Showing {view}", { view: viewWords(view) }));
  }

  // The next board after the one on screen (or the first), skipping the welcome and evaluation views.
  showNextBoard() {
    const boards = this.views().filter((view) => view.boardId !== undefined && view.display === undefined);
    if (!boards.length) return null;
    const key = showingKey(this.store);
    const at = boards.findIndex((view) => key.startsWith(`board:${view.boardId}:`));
    return this.show(boards[(at + 1) % boards.length]);
  }

  clearSpotlight() {
    return this.act(EVENTS.PROJECTOR_SPOTLIGHT, { note_id: null }, t("Spotlight cleared"));
  }
}
