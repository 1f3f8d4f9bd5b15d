// An ideas board: a wall of sticky notes, or (when the organiser switches it) a word cloud of them.
import { PagedBoard, spanFor } from "./board-base.js";
import { tiltFor } from "./cards.js";
import { Region } from "./paginate.js";
import { rt } from "./room-language.js";

export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "ideas-view";
  const wall = document.createElement("section");
  wall.className = "ideas-wall";
  wall.setAttribute("aria-label", rt("Sticky notes"));
  view.append(wall);
  root.replaceChildren(view);

  const paged = new PagedBoard(ctx, [new Region(wall, { minCardEm: 10 })], () => 0, {
    wrap: (card, note) => {
      card.classList.add("sticky");
      card.style.setProperty("--tilt", tiltFor(note.id, 0.8 / spanFor(note.text)));
      return card;
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
