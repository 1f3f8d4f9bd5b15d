// Zoom on demand, from any organiser console: show one group's part of the board on the projector, one
// perspective, one theme, or barriers/enablers only, full screen; "Whole board" undoes it in one action.
//
// Reusable: mountProjectorZoom(container, {workshopId, csrfToken}) draws the controls into `container`
// (an empty element) and needs nothing else from the page. It reads groups, perspectives, boards and
// themes from GET /api/v1/workshops/<id>/state and sets the zoom with POST .../projector/focus (the same
// service as the projector:focus socket event, so every screen follows by projector:changed).
import { t } from "../core/i18n.js";
import { isolate } from "../core/user-text.js";

const API = "/api/v1/workshops";

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// What the zoom shows, in words: "the whole board", "Group 3", "barriers only"...
export function describeFocus(focus, { groups = [], perspectives = [], themes = [] } = {}) {
  if (!focus) return t("the whole board");
  const named = (list, label) => {
    const found = list.find((item) => item.id === focus.value);
    return found ? isolate(label(found)) : t("a part that no longer exists");
  };
  if (focus.kind === "group") return t("one group: {name}", { name: named(groups, (g) => g.name) });
  if (focus.kind === "perspective") return t("one perspective: {name}", { name: named(perspectives, (p) => p.name) });
  if (focus.kind === "theme") return t("one theme: {name}", { name: named(themes, (theme) => theme.label || theme.suggested_label) });
  if (focus.kind === "note_kind") return String(focus.value).startsWith("enabl") ? t("enablers only") : t("barriers only");
  return t("the whole board");
}

export function mountProjectorZoom(container, { workshopId, csrfToken, idPrefix = "zoom" }) {
  const id = (name) => `${idPrefix}-${name}`;
  let state = null;

  const status = element("p", { id: id("status"), role: "status", class: "zoom-status" }, t("Loading…"));
  const controls = element("div", { class: "zoom-controls stack" });
  container.replaceChildren(status, controls);

  async function send(focus) {
    status.textContent = t("Sending…");
    try {
      const response = await fetch(`${API}/${workshopId}/projector/focus`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
        body: JSON.stringify({ focus }),
      });
      const answer = await response.json();
      if (!answer.ok) {
        status.textContent = answer.message || t("The projector did not follow.");
        return;
      }
      state.projector = answer.projector;
      showStatus();
    } catch {
      status.textContent = t("Not connected; try again.");
    }
  }

  function shownBoard() {
    const target = state.projector?.target;
    return target?.kind === "board" ? state.structure.boards.find((b) => b.id === target.board_id) : null;
  }

  function showStatus() {
    const board = shownBoard();
    const themes = board ? state.themes.filter((theme) => theme.board_id === board.id) : [];
    const what = describeFocus(state.projector?.focus ?? null, { ...state.structure, themes });
    status.textContent = board
      ? t("The projector shows {board}: {what}.", { board: isolate(board.title), what })
      : t("The projector shows no board now; show one to zoom in on part of it.");
    container.dataset.focus = state.projector?.focus ? `${state.projector.focus.kind}=${state.projector.focus.value}` : "";
  }

  // One labelled choice with its own button: pick a group (or perspective, or theme), then "Zoom in".
  function picker(name, { caption, action }, items, label, kind) {
    const row = element("div", { class: "inline-form zoom-picker" });
    const select = element("select", { id: id(name) });
    for (const item of items) select.append(element("option", { value: String(item.id) }, isolate(label(item))));
    const button = element("button", { type: "button", class: "secondary" }, action);
    button.addEventListener("click", () => send({ kind, value: Number(select.value) }));
    row.append(element("label", { for: id(name) }, caption), select, button);
    if (!items.length) {
      select.disabled = true;
      button.disabled = true;
    }
    return row;
  }

  function draw() {
    const board = shownBoard();
    const themes = board ? state.themes.filter((theme) => theme.board_id === board.id) : [];
    const whole = element("button", { type: "button", class: "primary", id: id("whole") }, t("Whole board"));
    whole.addEventListener("click", () => send(null));
    const parts = element("div", { class: "inline-form" });
    for (const [value, text] of [["enabler", t("Enablers only")], ["barrier", t("Barriers only")]]) {
      const button = element("button", { type: "button", class: "secondary" }, text);
      button.addEventListener("click", () => send({ kind: "note_kind", value }));
      parts.append(button);
    }
    controls.replaceChildren(
      whole,
      parts,
      picker("group", { caption: t("One group"), action: t("Zoom in on this group") }, state.structure.groups, (g) => g.name, "group"),
      picker("perspective", { caption: t("One perspective"), action: t("Zoom in on this perspective") }, state.structure.perspectives, (p) => p.name, "perspective"),
      picker("theme", { caption: t("One theme"), action: t("Zoom in on this theme") }, themes, (theme) => `${theme.label || theme.suggested_label} (${theme.note_ids.length})`, "theme"),
    );
    showStatus();
  }

  async function load() {
    const response = await fetch(`${API}/${workshopId}/state`, { headers: { Accept: "application/json" } });
    const answer = await response.json();
    const full = answer.state ?? answer;
    state = { structure: full.structure, themes: full.themes ?? [], projector: full.projector };
    draw();
  }

  load().catch(() => {
    status.textContent = t("Could not load the workshop; reload the page.");
  });
  return { reload: load };
}
