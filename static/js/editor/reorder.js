// Reordering groups, boards and perspectives: drag a row by its handle, or use its Up and Down buttons
// (the keyboard way). The new order is saved at once and told in words.
import { t } from "../core/i18n.js";

export class Reorder {
  constructor(list, { workshopId, csrf, announce }) {
    this.list = list;
    this.kind = list.dataset.order;
    this.workshopId = workshopId;
    this.csrf = csrf;
    this.announce = announce;
    this.dragged = null;
    for (const row of this.rows()) this.enhance(row);
    this.refreshButtons();
  }

  rows() {
    return [...this.list.children].filter((row) => row.dataset.itemId);
  }

  label(row) {
    return row.dataset.label || t("item {n}", { n: this.rows().indexOf(row) + 1 });
  }

  enhance(row) {
    const controls = document.createElement("span");
    controls.className = "order-controls";
    const handle = Object.assign(document.createElement("span"), { className: "drag-handle", textContent: "⠿" });
    handle.setAttribute("aria-hidden", "true");
    const up = Object.assign(document.createElement("button"), { type: "button", className: "secondary order-up", textContent: "↑" });
    const down = Object.assign(document.createElement("button"), { type: "button", className: "secondary order-down", textContent: "↓" });
    up.setAttribute("aria-label", t("Move {item} up", { item: this.label(row) }));
    down.setAttribute("aria-label", t("Move {item} down", { item: this.label(row) }));
    up.addEventListener("click", () => this.move(row, -1, up));
    down.addEventListener("click", () => this.move(row, 1, down));
    controls.append(handle, up, down);
    row.prepend(controls);
    row.draggable = true;
    row.addEventListener("dragstart", (event) => {
      this.dragged = row;
      row.classList.add("is-dragged");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.itemId);
    });
    row.addEventListener("dragend", () => row.classList.remove("is-dragged"));
    row.addEventListener("dragover", (event) => {
      if (!this.dragged || this.dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) row.before(this.dragged);
      else row.after(this.dragged);
    });
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      if (this.dragged) this.saved(this.dragged);
      this.dragged = null;
    });
  }

  refreshButtons() {
    const rows = this.rows();
    rows.forEach((row, index) => {
      row.querySelector(".order-up").disabled = index === 0;
      row.querySelector(".order-down").disabled = index === rows.length - 1;
    });
  }

  async move(row, step, button) {
    const rows = this.rows();
    const target = rows.indexOf(row) + step;
    if (target < 0 || target >= rows.length) return;
    if (step < 0) rows[target].before(row);
    else rows[target].after(row);
    await this.saved(row);
    // Keep the keyboard where it was: on the same button of the row that moved (or its other one at an end).
    (button.disabled ? row.querySelector(step < 0 ? ".order-down" : ".order-up") : button).focus();
  }

  async saved(row) {
    this.refreshButtons();
    const ids = this.rows().map((r) => Number(r.dataset.itemId));
    const response = await fetch(`/api/v1/workshops/${this.workshopId}/${this.kind}/order`, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
      body: JSON.stringify({ ids }),
    }).catch(() => null);
    const answer = response ? await response.json().catch(() => ({})) : {};
    const where = { item: this.label(row), place: this.rows().indexOf(row) + 1, count: ids.length };
    this.announce(
      answer.ok
        ? t("Order saved: {item} is now {place} of {count}.", where)
        : t("Order not saved: {reason}. Reload to see the saved order.", { reason: answer.message || t("no connection") }),
    );
  }
}
