// The tree of understanding, as the paper one on the day: enablers are leaves in the canopy, barriers
// sit at the roots. The whole tree is always on one screen, never paged: every note as a full card
// while they fit at the readable minimum; beyond that, notes grouped into clusters (a labelled leaf or
// root per theme with its count, its perspective and group mix, and its top notes in full).
// Live: a new note grows into place and no other card moves; the newest few stay marked a while.
// The organiser may zoom in (focus.js): one group, one perspective, one theme, or one part of the tree.
import { isolate } from "../core/user-text.js";
import { spanFor } from "./board-base.js";
import { projectorCard } from "./cards.js";
import { ClusterRegion } from "./cluster-region.js";
import { clustersOf, mayGrow } from "./clusters.js";
import { Fitter } from "./fitter.js";
import { focusOf, treeParts } from "./focus.js";
import { Region } from "./paginate.js";
import { minNotePx } from "./readable.js";
import { drawTree, svg } from "./tree-drawing.js";
import { legend } from "./tree-legend.js";
import { NewestMarks } from "./newest.js";
import { rt } from "./room-language.js";

const PART_CLASS = ["leaf", "root"];
// The canopy's usual share of the height (the paper tree's proportions), moved towards where the notes are.
const CANOPY_SHARE = 0.6;

function canopyShare([enablers, barriers]) {
  // A part with no notes at all (a group that only posted enablers, say) keeps just a sliver.
  if (enablers + barriers > 0 && (enablers === 0 || barriers === 0)) return enablers ? 0.86 : 0.14;
  const share = (CANOPY_SHARE + (enablers + 4) / (enablers + barriers + 8)) / 2;
  return Math.min(0.72, Math.max(0.32, share));
}

function build(root, store) {
  const view = document.createElement("div");
  view.className = "tree-view";
  const area = document.createElement("div");
  area.className = "tree-area";
  const drawing = svg("svg", { class: "tree-drawing", "aria-hidden": "true", focusable: "false" });
  const canopy = document.createElement("section");
  canopy.className = "tree-canopy";
  canopy.setAttribute("aria-label", rt("Enablers: the leaves"));
  const ground = document.createElement("div");
  ground.className = "tree-ground";
  const zoom = document.createElement("p");
  zoom.className = "tree-focus";
  zoom.hidden = true;
  ground.append(zoom, legend(store));
  const rootsArea = document.createElement("section");
  rootsArea.className = "tree-roots";
  rootsArea.setAttribute("aria-label", rt("Barriers: the roots"));
  area.append(drawing, canopy, ground, rootsArea);
  view.append(area);
  root.replaceChildren(view);
  return { area, drawing, ground, zoom, parts: [canopy, rootsArea] };
}

// A whole sentence per kind of zoom, so each language can word (and mutate) it its own way.
function zoomSentence(focus, shown, total) {
  const counts = { shown, total };
  if (focus.kind === "theme") return rt("Zoomed in on the theme {name}: {shown} of {total} notes", { ...counts, name: isolate(focus.name) });
  if (focus.kind === "note_kind" && focus.part === 0) return rt("Zoomed in on the enablers: {shown} of {total} notes", counts);
  if (focus.kind === "note_kind") return rt("Zoomed in on the barriers: {shown} of {total} notes", counts);
  return rt("Zoomed in on {name}: {shown} of {total} notes", { ...counts, name: isolate(focus.name) });
}

export function create(root, ctx) {
  const { board, store } = ctx;
  const dom = build(root, store);
  const sectionPart = treeParts(board);
  let focus = focusOf(store.projector?.focus, { store, board });
  const marks = new NewestMarks(root, { reducedMotion: ctx.reducedMotion });
  let mode = "cards";
  let cardRegions = [];
  let clusterRegions = [];
  let fitter = null;

  const partOf = (note) => sectionPart.get(note.section_id) ?? -1;
  const shown = () => store.notesOn(board.id).filter((note) => partOf(note) >= 0 && (!focus || focus.test(note)));
  const byPart = (notes) => [0, 1].map((part) => notes.filter((note) => partOf(note) === part));
  const clustersFor = (notes) =>
    clustersOf(notes, { themes: store.themesOn(board.id), perspectives: store.structure.perspectives });

  const card = (note, arriving) => {
    const element = projectorCard(note, store);
    element.dataset.sectionId = String(note.section_id);
    element.style.setProperty("--span", String(spanFor(note.text)));
    element.classList.add(PART_CLASS[partOf(note)]);
    marks.decorate(element, note, { arriving });
    return element;
  };

  function showFocus(total) {
    dom.zoom.hidden = !focus;
    if (focus) dom.zoom.textContent = zoomSentence(focus, total, store.notesOn(board.id).length);
    dom.area.classList.toggle("only-canopy", focus?.part === 0);
    dom.area.classList.toggle("only-roots", focus?.part === 1);
  }

  function report() {
    const accounted =
      mode === "cards"
        ? cardRegions.reduce((sum, region) => sum + region.cards.length, 0)
        : clusterRegions.reduce((sum, region) => sum + region.clusters().reduce((n, c) => n + c.count, 0), 0);
    root.dataset.noteCount = String(accounted);
    root.dataset.boardNotes = String(store.notesOn(board.id).length);
    // How many of them a theme holds, so a test (or a curious organiser) can tell the themes have arrived.
    root.dataset.themedNotes = String(store.themesOn(board.id).reduce((sum, theme) => sum + theme.note_ids.length, 0));
    root.dataset.treeMode = mode;
    root.dataset.fontPx = (mode === "cards" ? fitter.fontPx : minNotePx()).toFixed(1);
    ctx.setPageCount(1);
  }

  function render() {
    focus = focusOf(store.projector?.focus, { store, board }); // a theme's notes may have changed
    const notes = shown();
    const parts = byPart(notes);
    showFocus(notes.length);
    if (focus?.kind !== "note_kind") {
      const share = canopyShare(parts.map((p) => p.length));
      dom.area.style.setProperty("--canopy", `${share.toFixed(3)}fr`);
      dom.area.style.setProperty("--roots", `${(1 - share).toFixed(3)}fr`);
    }
    for (const part of dom.parts) part.replaceChildren();
    drawTree(dom.drawing, dom.area, dom.ground);
    cardRegions = dom.parts.map((element) => new Region(element, { minCardEm: 10 }));
    fitter = new Fitter(cardRegions);
    clusterRegions = [];
    const cards = parts.map((list) => list.map((note) => card(note, false)));
    if (fitter.fitOnOnePage(cards)) {
      mode = "cards";
    } else {
      mode = "clusters";
      for (const element of dom.parts) element.replaceChildren();
      clusterRegions = dom.parts.map(
        (element, part) => new ClusterRegion(element, { store, part: PART_CLASS[part], decorate: marks.decorate, isRecent: marks.isRecent }),
      );
      const known = { themes: store.themesOn(board.id), perspectives: store.structure.perspectives };
      clusterRegions.forEach((region, part) => {
        const clusters = clustersFor(parts[part]);
        region.layout(clusters, minNotePx(), { spare: mayGrow(clusters, known) });
      });
    }
    dom.area.dataset.mode = mode;
    report();
  }

  // Cluster mode: every cluster of a part as it is now, drawn without moving the ones that stay.
  function updateClusters() {
    const parts = byPart(shown());
    const fitted = clusterRegions.every((region, part) => region.update(clustersFor(parts[part])));
    if (!fitted) render();
    else report();
  }

  return {
    render,
    noteAdded(note) {
      if (note.board_id !== board.id || note.status !== "visible" || partOf(note) < 0) return;
      if (focus && !focus.test(note)) return;
      marks.arrived(note.id);
      if (mode === "clusters") {
        updateClusters();
        return;
      }
      const region = cardRegions[partOf(note)];
      if (region.cards.some((element) => Number(element.dataset.noteId) === note.id)) return;
      // A card that no longer fits at this size: fit again (smaller, or as clusters).
      if (!region.append(card(note, true), { atMinimum: false })) render();
      else report();
    },
    noteChanged(note) {
      if (note.board_id === board.id) render();
    },
    themesChanged(boardId) {
      if (boardId !== board.id) return;
      if (focus?.kind === "theme") render();
      else if (mode === "clusters") updateClusters();
    },
    showPage() {},
    destroy: () => marks.stop(),
  };
}
