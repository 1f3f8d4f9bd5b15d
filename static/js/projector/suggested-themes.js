// Themes suggested by the notes themselves, shown as one line beside the solutions board's own column
// headings (Knowledge, Time, Funding): each theme's label and how many notes it holds, as many as fit on
// the line at the readable size, then how many more there are. One line, so the columns keep their width
// and nearly all their height. Labels are user text: textContent and dir="auto" only.
import { showUserText } from "../core/user-text.js";
import { rnt, rt } from "./room-language.js";

export class SuggestedThemes {
  constructor(store, board) {
    this.store = store;
    this.board = board;
    this.element = document.createElement("section");
    this.element.className = "suggested-themes";
    this.element.setAttribute("aria-labelledby", `suggested-${board.id}`);
    const heading = document.createElement("h2");
    heading.className = "suggested-title";
    heading.id = `suggested-${board.id}`;
    heading.textContent = rt("Suggested themes");
    this.list = document.createElement("ul");
    this.list.className = "suggested-list";
    this.element.append(heading, this.list);
  }

  // Draws the list; false when the board has no themes (the column is then left out).
  draw() {
    const themes = [...this.store.themesOn(this.board.id)].sort((a, b) => b.note_ids.length - a.note_ids.length || a.id - b.id);
    this.element.hidden = !themes.length;
    this.list.replaceChildren(
      ...themes.map((theme) => {
        const item = document.createElement("li");
        item.className = "suggested-theme";
        item.dataset.themeId = String(theme.id);
        item.dataset.count = String(theme.note_ids.length);
        const label = document.createElement("span");
        label.className = "suggested-label";
        showUserText(label, theme.label || theme.suggested_label);
        const count = document.createElement("span");
        count.className = "theme-count";
        count.textContent = ` (${theme.note_ids.length})`;
        item.append(label, count);
        return item;
      }),
    );
    return themes.length > 0;
  }

  // Drops the themes that do not fit (the smallest, at the end) and says how many more there are.
  fit() {
    if (this.element.hidden) return;
    const items = [...this.list.children];
    const fits = () => this.list.scrollWidth <= this.list.clientWidth + 0.5 && this.list.scrollHeight <= this.list.clientHeight + 0.5;
    if (fits()) return;
    const more = document.createElement("li");
    more.className = "suggested-more";
    this.list.append(more);
    let left = 0;
    while (items.length > 1) {
      items.pop().remove();
      left += 1;
      more.textContent = rnt("and {n} more", "and {n} more", left);
      if (fits()) break;
    }
  }
}
