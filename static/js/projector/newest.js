// The newest few notes stay marked for a few seconds, so the room sees what just arrived; a note that
// arrives grows into place unless the screen asks for reduced motion. Marks never change a card's size
// (an outline and a glow), so marking or unmarking moves nothing.
export const NEWEST_COUNT = 3;
export const NEWEST_SECONDS = 8;

export class NewestMarks {
  constructor(root, { reducedMotion = false, count = NEWEST_COUNT, seconds = NEWEST_SECONDS } = {}) {
    this.root = root;
    this.reducedMotion = reducedMotion;
    this.count = count;
    this.seconds = seconds;
    this.recent = []; // note ids, oldest first
    this.timers = new Map();
    this.decorate = this.decorate.bind(this);
    this.isRecent = (noteId) => this.recent.includes(noteId);
  }

  arrived(noteId) {
    if (this.recent.includes(noteId)) return;
    this.recent.push(noteId);
    while (this.recent.length > this.count) this.unmark(this.recent[0]);
    this.timers.set(
      noteId,
      setTimeout(() => this.unmark(noteId), this.seconds * 1000),
    );
  }

  unmark(noteId) {
    this.recent = this.recent.filter((id) => id !== noteId);
    clearTimeout(this.timers.get(noteId));
    this.timers.delete(noteId);
    for (const card of this.root.querySelectorAll(`.projector-note[data-note-id="${Number(noteId)}"]`)) {
      card.classList.remove("is-newest");
    }
  }

  // Called for every card drawn: `arriving` is true only for the card of a note that has just come in.
  decorate(card, note, { arriving = false } = {}) {
    if (arriving && !this.reducedMotion) card.classList.add("is-new");
    if (this.recent.includes(note.id)) card.classList.add("is-newest");
  }

  stop() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
