// A region of the screen showing clusters instead of cards: one equal cell per cluster, filled with its
// heading and as many of its notes in full as fit; nothing smaller than the note font, nothing cut off.
// Live: a cluster keeps its cell while notes join it (they are added at the bottom, so the notes above
// stay put); a new cluster takes a free cell; only when there is none is the region laid out again.
import { assignCells, capacity, cellBoxes, chooseGrid, pickShown } from "./cluster-grid.js";
import { clusterCard, clusterHead, memberLines } from "./cluster-card.js";
import { collapse, moreOf, rankForShowing } from "./clusters.js";
import { projectorCard } from "./cards.js";

const MIN_CELL_EM = 12;
const NOTE_ROOM_EM = 5.2; // a two-line note card with its group badge, and the gap above it
const MIN_FULL_CLUSTERS = 3; // below this many clusters with room for a note, headings alone are shown
const NARROWEST_SHARE = 0.7;
const CELL_BORDER_EM = 0.16; // static/css/projector.css .cluster-leaf, .cluster-root, .cluster-idea // a small cluster's cell may narrow to this share of an equal cell
const CANDIDATES = 24; // notes measured per cluster when choosing which to show
const SAME = (a, b) => a.length === b.length && a.every((value, i) => value === b[i]);

export class ClusterRegion {
  // decorate(card, note, {arriving}) marks new and newest notes (the view knows which they are).
  // isRecent(noteId): the view's newest notes, which a "more" cluster shows in full above its list.
  constructor(element, { store, part = "", decorate = () => {}, isRecent = () => false }) {
    this.isRecent = isRecent;
    this.element = element;
    this.store = store;
    this.part = part;
    this.decorate = decorate;
    this.cells = new Map(); // cluster key -> cell index
    this.shown = new Map(); // cluster key -> {cluster, card, shownIds}
    this.grid = null;
    this.folded = new Set(); // keys of the clusters counted in "more"
    element.classList.add("cluster-region");
  }

  metrics(fontPx) {
    const gap = Math.round(fontPx * 0.6);
    return { gap, pad: Math.round(fontPx * 0.45), minWidth: MIN_CELL_EM * fontPx };
  }

  // The tallest heading among clusters at a cell width, measured once per width.
  headMeasure(clusters, pad) {
    const probe = document.createElement("div");
    probe.className = "cluster-probe";
    this.element.append(probe);
    const heads = clusters.map((cluster) => clusterHead(cluster, this.store));
    probe.replaceChildren(...heads);
    const cache = new Map();
    const measure = (cellWidth) => {
      if (!cache.has(cellWidth)) {
        probe.style.width = `${cellWidth - 2 * pad - 2 * this.border}px`;
        cache.set(cellWidth, Math.max(0, ...heads.map((head) => head.offsetHeight)) + 2 * pad + 2);
      }
      return cache.get(cellWidth);
    };
    return { measure, done: () => probe.remove() };
  }

  // `spare`: whether a cluster may yet appear that has no cell (a new theme, notes just arrived); the
  // caller knows when the clusters are all there can be (per perspective, each already shown).
  layout(clusters, fontPx, { spare = true } = {}) {
    this.fontPx = fontPx;
    this.element.style.setProperty("--note-font", `${fontPx}px`);
    const { gap, pad, minWidth } = this.metrics(fontPx);
    this.gap = gap;
    this.pad = pad;
    this.border = Math.ceil(fontPx * CELL_BORDER_EM);
    this.element.style.setProperty("--gap", `${gap}px`);
    this.element.style.setProperty("--cell-pad", `${pad}px`);
    this.element.replaceChildren();
    this.cells = new Map();
    this.shown = new Map();
    const width = this.element.clientWidth;
    const height = this.element.clientHeight;
    if (!clusters.length) {
      this.grid = chooseGrid(0, { width, height, gap, minWidth, headHeight: () => 0 });
      this.boxes = [{ left: 0, top: 0, width, height }];
      this.folded = new Set();
      return true;
    }
    const heads = this.headMeasure(clusters, pad);
    // Room for at least one short note under every heading, when the region allows it: fewer, fuller
    // clusters (the smallest counted together) read better than many bare headings.
    const withNote = { width, height, gap, minWidth, headHeight: (w) => heads.measure(w) + NOTE_ROOM_EM * fontPx };
    const bare = { width, height, gap, minWidth, headHeight: heads.measure };
    const box = capacity(withNote) >= Math.min(clusters.length, MIN_FULL_CLUSTERS) ? withNote : bare;
    // A spare cell only while every cluster has its own: once some are counted together in "more",
    // newcomers without a cell join them there.
    const gridFor = (list) => chooseGrid(list.length, { ...box, spare: spare && list.length === clusters.length ? 1 : 0 });
    let room = Math.min(clusters.length, capacity(box));
    let list = collapse(clusters, room);
    let grid = list.length ? gridFor(list) : null;
    while (!grid && room > 1) {
      room -= 1;
      list = collapse(clusters, room);
      grid = gridFor(list);
    }
    // No spare cell and nothing counted together yet: count the two smallest together instead, so a
    // newcomer never makes the others move.
    if (spare && grid && grid.cells === list.length && list.length > 2 && list.length === clusters.length) {
      room = list.length - 1;
      list = collapse(clusters, room);
      grid = gridFor(list);
    }
    if (!grid) {
      heads.done();
      return false;
    }
    this.grid = grid;
    // Bigger clusters get wider cells, as long as every heading still fits the narrowest cell.
    const cellsInOrder = list.map((c) => c.count);
    let floorWidth = Math.max(minWidth, Math.round(grid.cellWidth * NARROWEST_SHARE));
    if (box.headHeight(floorWidth) > grid.cellHeight) floorWidth = grid.cellWidth;
    heads.done();
    this.boxes = cellBoxes(grid, cellsInOrder, { width, gap, floorWidth });
    const shownKeys = new Set(list.map((c) => c.key));
    this.folded = new Set(clusters.filter((c) => !shownKeys.has(c.key)).map((c) => c.key));
    const cells = assignCells(
      list.map((c) => c.key),
      new Map(),
      grid.cells,
    );
    for (const cluster of list) this.place(cluster, cells.get(cluster.key));
    this.cells = cells;
    return true;
  }

  // The clusters as they are now, drawn without moving any cluster that stays; false asks the caller
  // to lay the region out again (a new cluster and no free cell).
  update(clusters) {
    if (!this.grid) return false;
    // Clusters on screen keep their cells; a new one takes a free cell, else it is counted in "more"
    // with those already counted there.
    const placed = clusters.filter((c) => this.cells.has(c.key));
    const folded = clusters.filter((c) => !this.cells.has(c.key) && this.folded.has(c.key));
    const fresh = clusters.filter((c) => !this.cells.has(c.key) && !this.folded.has(c.key));
    // Mostly new clusters (the first themes replacing the grouping by perspective): lay out afresh.
    if (fresh.length > placed.length) return false;
    const keys = (list) => list.map((c) => c.key);
    let list = [...placed, ...fresh, ...(folded.length ? [moreOf(folded)] : [])];
    let cells = assignCells(keys(list), this.cells, this.grid.cells);
    if (!cells && fresh.length) {
      list = [...placed, moreOf([...folded, ...fresh])];
      cells = assignCells(keys(list), this.cells, this.grid.cells);
    }
    if (!cells) return false;
    const inMore = list.find((c) => c.key === "more");
    this.folded = new Set(inMore ? clusters.filter((c) => !cells.has(c.key)).map((c) => c.key) : []);
    for (const [key, entry] of this.shown) {
      if (!cells.has(key)) {
        entry.card.remove();
        this.shown.delete(key);
      }
    }
    for (const cluster of list) {
      const entry = this.shown.get(cluster.key);
      if (!entry) this.place(cluster, cells.get(cluster.key));
      else this.refresh(entry, cluster);
    }
    this.cells = cells;
    return true;
  }

  // A cluster that only gained notes keeps the notes it shows and adds the new ones at the bottom,
  // making room by letting go of the notes shown lowest; any other change redraws its cell.
  refresh(entry, cluster) {
    const before = entry.cluster.notes.map((note) => note.id);
    const after = cluster.notes.map((note) => note.id);
    if (SAME(before, after) && entry.cluster.label === cluster.label) return;
    const kept = new Set(after);
    const grewOnly = before.every((id) => kept.has(id)) && entry.cluster.label === cluster.label;
    const cell = this.cells.get(cluster.key);
    if (!grewOnly || cluster.kind === "more") {
      entry.card.remove();
      this.shown.delete(cluster.key);
      this.place(cluster, cell);
      return;
    }
    const fresh = cluster.notes.filter((note) => !before.includes(note.id));
    const next = clusterCard(cluster, this.store, { part: this.part });
    this.position(next, cell);
    const body = next.querySelector(".cluster-notes");
    const old = entry.card.querySelector(".cluster-notes");
    body.append(...old.children);
    entry.card.replaceWith(next);
    const room = this.roomUnderHead(next);
    for (const note of fresh) {
      const card = this.noteCard(note, true);
      body.append(card);
      const tooTall = () => body.scrollHeight > room;
      while (tooTall() && body.children.length > 1) body.children[body.children.length - 2].remove();
      if (tooTall()) card.remove();
    }
    this.shown.set(cluster.key, { cluster, card: next });
  }

  noteCard(note, arriving) {
    const card = projectorCard(note, this.store);
    card.classList.add("cluster-note", this.part);
    this.decorate(card, note, { arriving });
    return card;
  }

  position(card, cell) {
    const box = this.boxes[cell];
    card.style.setProperty("--x", `${box.left}px`);
    card.style.setProperty("--y", `${box.top}px`);
    card.style.setProperty("--w", `${box.width}px`);
    card.style.setProperty("--h", `${box.height}px`);
    this.element.append(card);
  }

  // The height left for notes under the heading (the body is the cell's flexible part).
  roomUnderHead(card) {
    return card.querySelector(".cluster-notes").clientHeight;
  }

  place(cluster, cell) {
    const card = clusterCard(cluster, this.store, { part: this.part });
    this.position(card, cell);
    const body = card.querySelector(".cluster-notes");
    const room = this.roomUnderHead(card);
    // A note that has just arrived is shown in full even where its theme is only counted ("more").
    const arrived = () =>
      rankForShowing(cluster.notes.filter((note) => this.isRecent(note.id))).map((note) => ({
        note,
        card: this.noteCard(note, false),
      }));
    const candidates =
      cluster.kind === "more"
        ? [...arrived(), ...memberLines(cluster)]
        : rankForShowing(cluster.notes)
            .slice(0, CANDIDATES)
            .map((note) => ({ note, card: this.noteCard(note, false) }));
    const elements = candidates.map((item) => item.card ?? item);
    body.replaceChildren(...elements);
    const heights = elements.map((element) => element.offsetHeight);
    const gap = this.gap * 0.5;
    const picked = new Set(pickShown(heights, room, gap, { lookAhead: CANDIDATES }));
    elements.forEach((element, i) => {
      if (!picked.has(i)) element.remove();
    });
    // Shown oldest first when nobody has voted, so a note that joins later goes at the bottom.
    if (cluster.kind !== "more" && !cluster.notes.some((note) => note.votes)) {
      const ordered = [...body.children].sort((a, b) => Number(a.dataset.noteId) - Number(b.dataset.noteId));
      body.replaceChildren(...ordered);
    }
    this.shown.set(cluster.key, { cluster, card });
    return card;
  }

  // Every cluster element shown, for the view's report.
  clusters() {
    return [...this.shown.values()].map((entry) => entry.cluster);
  }
}
