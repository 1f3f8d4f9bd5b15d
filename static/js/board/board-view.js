// A board drawn as its sections with their notes; new notes are added without redrawing.
import { noteCard } from "../core/note-card.js";
import { showUserText } from "../core/user-text.js";
import { t } from "../core/i18n.js";

export class BoardView {
  constructor(root, store, { filter = () => true, emptyText = t("No notes yet.") } = {}) {
    this.root = root;
    this.store = store;
    this.filter = filter;
    this.emptyText = emptyText;
    this.boardId = null;
    this.lists = new Map();
  }

  show(boardId) {
    this.boardId = boardId;
    this.lists.clear();
    this.root.replaceChildren();
    const board = this.store.board(boardId);
    if (!board) return;
    this.root.dataset.kind = board.kind;
    this.root.dataset.sections = String(board.sections.length);
    for (const section of board.sections) {
      const block = document.createElement("section");
      block.className = "board-section";
      block.dataset.sectionId = String(section.id);
      const heading = document.createElement("h2");
      heading.className = "section-title";
      // Prefixed with the board's own id: the composer's section choices are "section-<id>" already.
      heading.id = `${this.root.id || "board"}-section-${section.id}`;
      showUserText(heading, section.name);
      block.setAttribute("aria-labelledby", heading.id);
      const list = document.createElement("ol");
      list.className = "notes";
      list.dataset.empty = this.emptyText;
      block.append(heading, list);
      this.root.append(block);
      this.lists.set(section.id, list);
    }
    for (const note of this.store.notesOn(boardId)) this.add(note, { animate: false });
  }

  add(note, { animate = true } = {}) {
    if (note.board_id !== this.boardId || note.status !== "visible" || !this.filter(note)) return;
    const list = this.lists.get(note.section_id);
    if (!list || list.querySelector(`[data-note-id="${note.id}"]`)) return;
    const card = noteCard(note, this.store);
    if (animate) card.classList.add("is-new");
    list.append(card);
  }

  update(note) {
    const existing = this.root.querySelector(`[data-note-id="${note.id}"]`);
    if (existing) existing.remove();
    this.add(note, { animate: false });
  }
}
