// The agenda down the side: now and next, and one "Move on" that puts the next item on and starts its
// timer for as long as the timetable gives it (until the item after it starts).
import { EVENTS } from "../core/events.js";
import { t } from "../core/i18n.js";
import { showUserText } from "../core/user-text.js";

const minutesOf = (hhmm) => {
  const [h, m] = String(hhmm).split(":").map(Number);
  return h * 60 + m;
};

export function itemLabel(item) {
  return item ? `${item.starts_at} ${item.title}` : "";
}

export class AgendaPanel {
  constructor(doc, store, act) {
    this.store = store;
    this.act = act;
    this.list = doc.getElementById("agenda-list");
    this.now = doc.getElementById("console-now");
    this.next = doc.getElementById("console-next");
    this.button = doc.getElementById("move-on");
    this.button.addEventListener("click", () => this.moveOn());
  }

  items() {
    return this.store.structure.agenda ?? [];
  }

  position() {
    const id = this.store.projector?.agenda_now_id ?? null;
    return this.items().findIndex((item) => item.id === id);
  }

  render() {
    const items = this.items();
    const at = this.position();
    const now = items[at] ?? null;
    const next = items[at + 1] ?? null;
    showUserText(this.now, now ? itemLabel(now) : t("Not started"));
    showUserText(this.next, next ? itemLabel(next) : t("Nothing after this"));
    this.button.disabled = !next;
    this.button.textContent = next ? t("Move on: {item}", { item: itemLabel(next) }) : t("End of the agenda");
    const signature = JSON.stringify(items.map((item) => [item.id, item.starts_at, item.title]));
    if (signature !== this.signature) this.build(items);
    this.signature = signature;
    // Marked in place (never rebuilt for a move), so focus stays on the item the organiser is on.
    [...this.list.children].forEach((li, index) => {
      li.className = index === at ? "is-now" : index === at + 1 ? "is-next" : index < at ? "is-done" : "";
      if (index === at) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
      const tag = li.querySelector(".tag");
      tag.textContent = index === at ? t("now") : index === at + 1 ? t("next") : "";
      tag.hidden = !tag.textContent;
    });
    // Keep now and next in sight in the agenda column as the day moves on.
    if (at !== this.shownAt) this.list.children[at + 1]?.scrollIntoView({ block: "nearest" });
    this.shownAt = at;
  }

  build(items) {
    this.list.replaceChildren(
      ...items.map((item, index) => {
        const li = document.createElement("li");
        li.dataset.agendaId = String(item.id);
        const button = document.createElement("button");
        button.type = "button";
        button.className = "agenda-item";
        const time = document.createElement("span");
        time.className = "agenda-time";
        time.textContent = item.starts_at;
        const title = document.createElement("span");
        showUserText(title, item.title);
        const tag = Object.assign(document.createElement("span"), { className: "tag" });
        button.append(time, " ", title, " ", tag);
        button.addEventListener("click", () => this.goTo(index));
        li.append(button);
        return li;
      }),
    );
  }

  // Minutes from this item's start to the next one's; the last item gets no timer.
  minutesFor(index) {
    const items = this.items();
    const item = items[index];
    const after = items[index + 1];
    if (!item || !after) return null;
    const minutes = minutesOf(after.starts_at) - minutesOf(item.starts_at);
    return minutes > 0 ? minutes : null;
  }

  async moveOn() {
    const target = this.position() + 1;
    if (target >= this.items().length) return;
    await this.goTo(target);
  }

  async goTo(index) {
    const item = this.items()[index];
    if (!item) return;
    const moved = await this.act(EVENTS.AGENDA_SET, { item_id: item.id }, `Now: ${itemLabel(item)}`);
    if (!moved) return;
    const minutes = this.minutesFor(index);
    if (minutes) await this.act(EVENTS.TIMER_START, { minutes }, `Now: ${itemLabel(item)}, timer ${minutes} min`);
    else await this.act(EVENTS.TIMER_RESET, {}, `Now: ${itemLabel(item)}`);
  }
}
