// The solutions board: one column per theme (Knowledge, Time, Funding on the day). When voting has
// given notes a `votes` number, each card shows it and a column lists its most-voted notes first.
// Beside them, the themes found in the notes themselves (suggested-themes.js), when there are any.
import { PagedBoard } from "./board-base.js";
import { Region } from "./paginate.js";
import { showUserText } from "../core/user-text.js";
import { SuggestedThemes } from "./suggested-themes.js";

const byVotes = (notes) =>
  notes.some((note) => typeof note.votes === "number")
    ? [...notes].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.id - b.id)
    : notes;

export function create(root, ctx) {
  const { board } = ctx;
  const view = document.createElement("div");
  view.className = "solutions-view";
  view.style.setProperty("--themes", String(Math.max(1, board.sections.length)));
  const counts = new Map();
  const regions = board.sections.map((section) => {
    const column = document.createElement("section");
    column.className = "theme";
    column.setAttribute("aria-labelledby", `theme-${section.id}`);
    const heading = document.createElement("h2");
    heading.className = "theme-title";
    heading.id = `theme-${section.id}`;
    const name = document.createElement("span");
    showUserText(name, section.name);
    const count = document.createElement("span");
    count.className = "theme-count";
    counts.set(section.id, count);
    heading.append(name, count);
    const notes = document.createElement("div");
    notes.className = "theme-notes";
    column.append(heading, notes);
    view.append(column);
    return new Region(notes, { minCardEm: 9 });
  });
  const suggested = new SuggestedThemes(ctx.store, board);
  const wrapper = document.createElement("div");
  wrapper.className = "solutions-board";
  wrapper.append(suggested.element, view);
  root.replaceChildren(wrapper);

  const index = new Map(board.sections.map((section, i) => [section.id, i]));
  const paged = new PagedBoard(ctx, regions, (note) => index.get(note.section_id) ?? -1, { order: byVotes });
  const hasVotes = () => ctx.store.notesOn(board.id).some((note) => typeof note.votes === "number");

  function countNotes() {
    const notes = ctx.store.notesOn(board.id);
    for (const section of board.sections) {
      const n = notes.filter((note) => note.section_id === section.id).length;
      counts.get(section.id).textContent = ` (${n})`;
    }
  }

  return {
    render() {
      // Without votes the order is posting order and new notes can simply be appended.
      paged.order = hasVotes() ? byVotes : null;
      wrapper.classList.toggle("has-suggestions", suggested.draw());
      paged.render();
      suggested.fit();
      countNotes();
    },
    themesChanged(boardId) {
      if (boardId !== board.id) return;
      const had = wrapper.classList.contains("has-suggestions");
      if (suggested.draw() !== had) this.render();
      else suggested.fit();
    },
    noteAdded(note) {
      paged.noteAdded(note);
      countNotes();
    },
    noteChanged(note) {
      paged.order = hasVotes() ? byVotes : null;
      paged.noteChanged(note);
      countNotes();
    },
    showPage: (i) => paged.showPage(i),
    destroy() {},
  };
}
