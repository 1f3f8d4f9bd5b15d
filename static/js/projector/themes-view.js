// An ideas board by theme, or a paged board's summary (ideas wall, washing line): every note counted
// under its theme on one screen, no paging; each theme with its count, its perspective and group mix,
// and its most-voted or newest notes in full. Notes no theme holds yet are grouped by perspective.
import { ClusterRegion } from "./cluster-region.js";
import { clustersOf, mayGrow } from "./clusters.js";
import { NewestMarks } from "./newest.js";
import { minNotePx } from "./readable.js";
import { rt } from "./room-language.js";

export function create(root, ctx) {
  const { board, store } = ctx;
  const view = document.createElement("div");
  view.className = "themes-view";
  const area = document.createElement("section");
  area.className = "themes-area";
  area.setAttribute("aria-label", ctx.target.display === "summary" ? rt("Summary: every note under its theme") : rt("Ideas by theme"));
  view.append(area);
  root.replaceChildren(view);
  const marks = new NewestMarks(root, { reducedMotion: ctx.reducedMotion });
  let region = null;

  const clusters = () =>
    clustersOf(store.notesOn(board.id), { themes: store.themesOn(board.id), perspectives: store.structure.perspectives });

  function report() {
    root.dataset.noteCount = String(region.clusters().reduce((sum, cluster) => sum + cluster.count, 0));
    root.dataset.boardNotes = String(store.notesOn(board.id).length);
    root.dataset.fontPx = minNotePx().toFixed(1);
    ctx.setPageCount(1);
  }

  function render() {
    region = new ClusterRegion(area, { store, part: "idea", decorate: marks.decorate, isRecent: marks.isRecent });
    const list = clusters();
    const known = { themes: store.themesOn(board.id), perspectives: store.structure.perspectives };
    region.layout(list, minNotePx(), { spare: mayGrow(list, known) });
    report();
  }

  function update() {
    if (!region.update(clusters())) render();
    else report();
  }

  return {
    render,
    noteAdded(note) {
      if (note.board_id !== board.id || note.status !== "visible") return;
      marks.arrived(note.id);
      update();
    },
    noteChanged(note) {
      if (note.board_id === board.id) render();
    },
    themesChanged(boardId) {
      if (boardId === board.id) update();
    },
    showPage() {},
    destroy: () => marks.stop(),
  };
}
