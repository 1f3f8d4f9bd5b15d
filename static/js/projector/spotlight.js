// One note full-screen: as large as it fits, never below the readable minimum.
import { projectorCard } from "./cards.js";
import { minNotePx } from "./readable.js";

const LARGEST_VW = 5;

export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "spotlight-view";
  root.replaceChildren(view);

  function fit(card) {
    const min = minNotePx();
    let size = (LARGEST_VW * window.innerWidth) / 100;
    const fits = () => view.scrollHeight <= view.clientHeight + 1 && view.scrollWidth <= view.clientWidth + 1;
    card.style.setProperty("--note-font", `${size}px`);
    while (!fits() && size > min) {
      size = Math.max(min, size * 0.9);
      card.style.setProperty("--note-font", `${size}px`);
    }
    root.dataset.fontPx = size.toFixed(1);
  }

  return {
    render() {
      const note = ctx.store.note(ctx.target.note.id) ?? ctx.target.note;
      const card = projectorCard(note, ctx.store);
      card.classList.add("spotlight-note");
      view.replaceChildren(card);
      fit(card);
      root.dataset.noteCount = "1";
      ctx.setPageCount(1);
    },
    noteAdded() {},
    noteChanged(note) {
      if (note.id === ctx.target.note.id) this.render();
    },
    showPage() {},
    destroy() {},
  };
}
