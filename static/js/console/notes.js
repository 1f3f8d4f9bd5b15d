// Every visible note as a card with one Spotlight button, filtered as the organiser types.
import { EVENTS } from "../core/events.js";
import { nt, t } from "../core/i18n.js";
import { showUserText } from "../core/user-text.js";

const SHOW_AT_MOST = 60;

export class NoteSearch {
  constructor(doc, store, act) {
    this.doc = doc;
    this.store = store;
    this.act = act;
    this.input = doc.getElementById("note-search");
    this.list = doc.getElementById("note-results");
    this.count = doc.getElementById("note-search-count");
    this.input.addEventListener("input", () => this.render());
  }

  haystack(note) {
    const board = this.store.board(note.board_id);
    const group = (this.store.structure.groups ?? []).find((g) => g.id === note.group_id);
    return `${note.text} ${board?.title ?? ""} ${group?.name ?? ""} ${note.author_name ?? ""}`.toLocaleLowerCase();
  }

  matches() {
    const words = this.input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    return [...this.store.notes.values()]
      .filter((note) => note.status === "visible")
      .filter((note) => words.every((word) => this.haystack(note).includes(word)))
      .sort((a, b) => b.id - a.id);
  }

  render() {
    // Rebuilt on every change; the focused card's button gets its focus back.
    const focused = this.list.contains(this.doc.activeElement) ? this.doc.activeElement.closest("[data-note-id]")?.dataset.noteId : null;
    this.build();
    if (focused) this.list.querySelector(`[data-note-id="${focused}"] button`)?.focus();
  }

  build() {
    const found = this.matches();
    const spotlit = this.store.projector?.spotlight_note_id ?? null;
    this.count.textContent = this.input.value
      ? nt("{n} note matches", "{n} notes match", found.length)
      : nt("{n} note, newest first", "{n} notes, newest first", found.length);
    this.list.replaceChildren(
      ...found.slice(0, SHOW_AT_MOST).map((note) => {
        const li = this.doc.createElement("li");
        li.className = "console-note";
        li.dataset.noteId = String(note.id);
        const text = this.doc.createElement("p");
        text.className = "note-text";
        showUserText(text, note.text);
        const where = this.doc.createElement("p");
        where.className = "note-where";
        const board = this.store.board(note.board_id);
        const section = board?.sections.find((s) => s.id === note.section_id);
        showUserText(where, [board?.title, section?.name].filter(Boolean).join(" · "));
        const button = this.doc.createElement("button");
        button.type = "button";
        button.className = note.id === spotlit ? "primary" : "secondary";
        button.textContent = note.id === spotlit ? t("In the spotlight") : t("Spotlight");
        button.setAttribute("aria-pressed", String(note.id === spotlit));
        button.setAttribute("aria-describedby", `console-note-${note.id}`);
        text.id = `console-note-${note.id}`;
        button.addEventListener("click", () =>
          this.act(EVENTS.PROJECTOR_SPOTLIGHT, { note_id: note.id === spotlit ? null : note.id }, note.id === spotlit ? t("Spotlight cleared") : t("Note in the spotlight")),
        );
        li.append(text, where, button);
        return li;
      }),
    );
  }
}
