// The tree of understanding, as the paper one on the day: enablers are leaves in the canopy, barriers
// sit at the roots. Perspective shows as colour AND border style AND a labelled symbol; a legend says so.
import { PagedBoard } from "./board-base.js";
import { perspectiveLabel } from "../core/note-card.js";
import { Region } from "./paginate.js";
import { isolate } from "../core/user-text.js";

const SVG = "http://www.w3.org/2000/svg";
const SYMBOLS = ["●", "■", "▲", "◆"];
const BORDERS = ["solid border", "dashed border", "dotted border", "double border"];


function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

// Which part of the tree a section belongs to: by its name, else the first section is the roots.
function isEnablers(section, index) {
  const name = section.name.toLowerCase();
  if (name.includes("enabl")) return true;
  if (name.includes("barrier")) return false;
  return index > 0;
}

// The key sits on the ground line, between canopy and roots, so it takes no room from the notes.
function legend(store) {
  const list = document.createElement("ul");
  list.className = "tree-legend";
  list.setAttribute("aria-label", "Key");
  const entry = (className, symbol, text) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `legend-swatch ${className}`;
    swatch.textContent = symbol;
    const label = document.createElement("span");
    label.textContent = text;
    item.append(swatch, label);
    list.append(item);
  };
  entry("legend-leaf", "▲", "Enablers: leaves");
  store.structure.perspectives.forEach((perspective, index) => {
    const name = `${isolate(perspectiveLabel(perspective.name))} = ${isolate(perspective.name)}, ${BORDERS[index % BORDERS.length]}`;
    entry(`persp-${index}`, SYMBOLS[index % SYMBOLS.length], name);
  });
  entry("legend-root", "▼", "Barriers: roots");
  return list;
}

// Crown, trunk and branches, ground, roots: drawn to the area's real size so the trunk meets the ground.
function drawTree(drawing, area, ground) {
  const width = area.clientWidth;
  const height = area.clientHeight;
  const groundY = ground.offsetTop + ground.offsetHeight / 2;
  const mid = width / 2;
  const trunk = Math.max(24, width * 0.035);
  drawing.setAttribute("viewBox", `0 0 ${width} ${height}`);
  drawing.replaceChildren();
  const crown = svg("g", { class: "tree-crown" });
  const blobs = [
    [0.5, 0.42, 0.5, 0.48],
    [0.25, 0.5, 0.27, 0.38],
    [0.75, 0.5, 0.27, 0.38],
    [0.5, 0.18, 0.34, 0.22],
  ];
  for (const [cx, cy, rx, ry] of blobs) {
    crown.append(
      svg("ellipse", { cx: cx * width, cy: cy * groundY, rx: rx * width, ry: ry * groundY }),
    );
  }
  const wood = svg("g", { class: "tree-wood" });
  wood.append(
    svg("path", {
      d: `M${mid - trunk} ${groundY} C${mid - trunk * 0.6} ${groundY * 0.75} ${mid - trunk * 0.4} ${groundY * 0.6} ${mid} ${groundY * 0.45}
          C${mid + trunk * 0.4} ${groundY * 0.6} ${mid + trunk * 0.6} ${groundY * 0.75} ${mid + trunk} ${groundY} Z`,
    }),
  );
  const branches = svg("g", { class: "tree-branches" });
  for (const [dx, dy] of [[-0.3, 0.25], [0.3, 0.25], [-0.18, 0.12], [0.18, 0.12], [0, 0.08]]) {
    branches.append(
      svg("path", {
        d: `M${mid} ${groundY * 0.62} Q${mid + dx * width * 0.4} ${groundY * 0.45} ${mid + dx * width} ${groundY * dy}`,
      }),
    );
  }
  const roots = svg("g", { class: "tree-roots-drawing" });
  for (const dx of [-0.42, -0.25, -0.1, 0.1, 0.25, 0.42]) {
    const depth = height - (height - groundY) * (0.15 + Math.abs(dx) * 0.6);
    roots.append(
      svg("path", {
        d: `M${mid + Math.sign(dx) * trunk * 0.5} ${groundY} Q${mid + dx * width * 0.3} ${groundY + (depth - groundY) * 0.8} ${mid + dx * width} ${depth}`,
      }),
    );
  }
  const line = svg("line", { class: "tree-ground-line", x1: 0, x2: width, y1: groundY, y2: groundY });
  drawing.append(crown, roots, line, wood, branches);
}

export function create(root, ctx) {
  const { board, store } = ctx;
  const view = document.createElement("div");
  view.className = "tree-view";
  const area = document.createElement("div");
  area.className = "tree-area";
  const drawing = svg("svg", { class: "tree-drawing", "aria-hidden": "true", focusable: "false" });
  const canopy = document.createElement("section");
  canopy.className = "tree-canopy";
  canopy.setAttribute("aria-label", "Enablers: the leaves");
  const ground = document.createElement("div");
  ground.className = "tree-ground";
  ground.append(legend(store));
  const rootsArea = document.createElement("section");
  rootsArea.className = "tree-roots";
  rootsArea.setAttribute("aria-label", "Barriers: the roots");
  area.append(drawing, canopy, ground, rootsArea);
  view.append(area);
  root.replaceChildren(view);

  const sections = new Map(board.sections.map((section, index) => [section.id, isEnablers(section, index) ? 0 : 1]));
  const wrap = (card) => {
    card.classList.add(sections.get(Number(card.dataset.sectionId)) === 0 ? "leaf" : "root");
    return card;
  };
  const regions = [new Region(canopy, { minCardEm: 10 }), new Region(rootsArea, { minCardEm: 10 })];
  const paged = new PagedBoard(ctx, regions, (note) => sections.get(note.section_id) ?? -1, {
    wrap: (card, note) => {
      card.dataset.sectionId = String(note.section_id);
      return wrap(card);
    },
  });

  return {
    render() {
      drawTree(drawing, area, ground);
      paged.render();
    },
    noteAdded: (note) => paged.noteAdded(note),
    noteChanged: (note) => paged.noteChanged(note),
    showPage: (index) => paged.showPage(index),
    destroy() {},
  };
}
