// The washing line of knowledge: cards pegged along a line in the order they were posted, each hanging
// at a slight angle from its peg; a full line starts another below, a full screen another page.
import { PagedBoard, spanFor } from "./board-base.js";
import { tiltFor } from "./cards.js";
import { Region } from "./paginate.js";
import { rt } from "./room-language.js";

// One rope per row of cards, drawn after the cards are placed (rows are only known once laid out).
function hangLines(page) {
  for (const rope of page.querySelectorAll(".rope")) rope.remove();
  let lastTop = null;
  for (const hanger of page.querySelectorAll(".hanger")) {
    const top = hanger.offsetTop;
    if (lastTop !== null && Math.abs(top - lastTop) <= 1) continue;
    lastTop = top;
    const rope = document.createElement("div");
    rope.className = "rope";
    rope.setAttribute("aria-hidden", "true");
    rope.style.setProperty("--rope-top", `${top}px`);
    page.prepend(rope);
  }
}

export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "washing-line-view";
  const line = document.createElement("section");
  line.className = "washing-line";
  line.setAttribute("aria-label", rt("Cards on the washing line, in the order they were posted"));
  view.append(line);
  root.replaceChildren(view);

  const region = new Region(line, { minCardEm: 10, mode: "rows", decorate: hangLines });
  const paged = new PagedBoard(ctx, [region], () => 0, {
    wrap: (card, note) => {
      const hanger = document.createElement("div");
      hanger.className = "hanger";
      // Wide cards tilt less: the same angle would swing their far corners into the next line.
      hanger.style.setProperty("--tilt", tiltFor(note.id, 1.2 / spanFor(note.text)));
      const peg = document.createElement("span");
      peg.className = "peg";
      peg.setAttribute("aria-hidden", "true");
      hanger.append(peg, card);
      return hanger;
    },
  });

  return {
    render: () => paged.render(),
    noteAdded: (note) => paged.noteAdded(note),
    noteChanged: (note) => paged.noteChanged(note),
    showPage: (index) => paged.showPage(index),
    destroy() {},
  };
}
