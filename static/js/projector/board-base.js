// What every notes view shares: cards placed into regions, one font fitted across them, pages
// turned by the entry module, and a new note added without redrawing the rest.
import { projectorCard } from "./cards.js";
import { Fitter } from "./fitter.js";

// Long notes take two or three columns, so they grow wide rather than tall and a row of short notes
// is not stretched by one long neighbour.
export function spanFor(text) {
  if (text.length > 300) return 3;
  if (text.length > 120) return 2;
  return 1;
}

export class PagedBoard {
  // regionFor(note) -> index into regions, or -1 for a note this view does not show.
  constructor(ctx, regions, regionFor, { wrap = (card) => card, order = null } = {}) {
    this.ctx = ctx;
    this.regions = regions;
    this.regionFor = regionFor;
    this.wrap = wrap;
    this.order = order;
    this.fitter = new Fitter(regions);
    this.items = new Map(); // note id -> the element placed in a region
  }

  element(note, animate) {
    const card = projectorCard(note, this.ctx.store, { animate: animate && !this.ctx.reducedMotion });
    const item = this.wrap(card, note);
    item.style.setProperty("--span", String(spanFor(note.text)));
    this.items.set(note.id, item);
    return item;
  }

  notes() {
    const notes = this.ctx.store.notesOn(this.ctx.board.id);
    return this.order ? this.order(notes) : notes;
  }

  render() {
    this.items.clear();
    const groups = this.regions.map(() => []);
    for (const note of this.notes()) {
      const index = this.regionFor(note);
      if (index >= 0) groups[index].push(this.element(note, false));
    }
    this.fitter.fit(groups);
    this.report();
  }

  noteAdded(note) {
    if (note.board_id !== this.ctx.board.id || note.status !== "visible" || this.items.has(note.id)) return;
    const index = this.regionFor(note);
    if (index < 0) return;
    if (this.order) {
      // A sorted board (by votes) may have to place the note anywhere: lay it out again.
      this.render();
      return;
    }
    const item = this.element(note, true);
    if (!this.regions[index].append(item, { atMinimum: this.fitter.atMinimum })) this.render();
    else this.report();
  }

  noteChanged(note) {
    if (note.board_id === this.ctx.board.id || this.items.has(note.id)) this.render();
  }

  showPage(index) {
    this.fitter.show(index);
  }

  report() {
    const root = this.ctx.root;
    root.dataset.noteCount = String(this.items.size);
    root.dataset.fontPx = this.fitter.fontPx.toFixed(1);
    this.ctx.setPageCount(this.fitter.pageCount);
  }
}
