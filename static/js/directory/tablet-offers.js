// Offer cards on the facilitator's tablet: a note of an ideas board or the washing line becomes a card of the
// directory of offers, and the card's fields and activity analysis are edited here with its history.
// Everything goes through the directory's HTTP API with the tablet's own link token (no cookie, no CSRF token);
// a save carries the version the editor started from, so a card someone else saved meanwhile is never overwritten.
import { t } from "../core/i18n.js";
import { isolate } from "../core/user-text.js";

const SOURCE_KINDS = new Set(["ideas", "washing_line"]);

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// `currentBoard` answers which board the tablet's composer is on: its notes are the ones offered.
export function mountOfferCards(state, store, live, currentBoard) {
  const panel = document.getElementById("offers-panel");
  if (!panel) return;
  const list = document.getElementById("offer-notes");
  const hint = panel.querySelector("[data-offers-hint]");
  const status = document.getElementById("offers-status");
  const form = document.getElementById("offer-editor");
  const heading = document.getElementById("offer-editor-heading");
  const conflict = document.getElementById("offer-conflict");
  const reload = form.querySelector("[data-reload]");
  const side = document.getElementById("offer-side");
  const historyList = document.getElementById("offer-history");
  const api = `/api/v1/workshops/${state.workshop_id}/offers`;
  const headers = { Authorization: `Bearer ${state.token}`, "Content-Type": "application/json" };
  let offers = [];
  let vocabulary = null;
  let editing = null; // the offer being edited, as last loaded from the server

  async function call(url, options = {}) {
    const response = await fetch(url, { headers, ...options });
    const body = await response.json().catch(() => ({ message: t("The server did not answer.") }));
    return { ok: response.ok, body };
  }

  async function loadOffers() {
    const { ok, body } = await call(api);
    if (!ok) {
      status.textContent = body.message;
      return;
    }
    offers = body.offers;
    vocabulary = body.vocabulary;
    drawNotes();
  }

  function drawNotes() {
    const board = store.board(currentBoard());
    const usable = board && SOURCE_KINDS.has(board.kind);
    hint.hidden = Boolean(usable);
    if (!usable) {
      list.replaceChildren();
      return;
    }
    const notes = store.notesOn(board.id);
    if (!notes.length) {
      list.replaceChildren(element("li", t("No notes on this board yet.")));
      return;
    }
    list.replaceChildren(
      ...notes.map((note) => {
        const card = offers.find((offer) => offer.source_note_id === note.id);
        const item = element("li", undefined, { class: "offer-note", "data-note-id": String(note.id) });
        const text = element("span", note.text, { dir: "auto" });
        const button = element("button", card ? t("Edit the offer card") : t("Make an offer card"), {
          type: "button",
          class: "secondary",
        });
        button.addEventListener("click", () => (card ? open(card) : makeCard(note)));
        item.append(text, button);
        return item;
      }),
    );
  }

  async function makeCard(note) {
    const { ok, body } = await call(api, { method: "POST", body: JSON.stringify({ note_id: note.id }) });
    if (!ok) {
      status.textContent = body.message;
      return;
    }
    offers.push(body.offer);
    status.textContent = t("Offer card made: {title}.", { title: body.offer.title });
    drawNotes();
    open(body.offer);
  }

  function drawFields(offer) {
    const fields = form.querySelector("[data-fields]");
    fields.replaceChildren(
      ...vocabulary.fields.flatMap((field) => {
        const id = `offer-field-${field.name}`;
        const long = field.max > 200;
        const input = element(long ? "textarea" : "input", undefined, {
          id,
          name: field.name,
          maxlength: String(field.max),
          dir: "auto",
        });
        if (long) input.rows = 2;
        input.value = offer[field.name] ?? "";
        return [element("label", field.label, { for: id }), input];
      }),
    );
    for (const [name, words] of [
      ["needs", vocabulary.needs],
      ["benefit_tags", vocabulary.benefits],
    ]) {
      const fieldset = form.querySelector(`[data-tags="${name}"]`);
      const legend = fieldset.querySelector("legend");
      fieldset.replaceChildren(
        legend,
        ...words.map((word) => {
          const label = element("label", undefined, { class: "chip" });
          const box = element("input", undefined, { type: "checkbox", name, value: word.key });
          box.checked = offer[name].includes(word.key);
          label.append(box, ` ${word.label}`);
          return label;
        }),
      );
    }
  }

  function drawSides() {
    const chosen = side.value;
    side.replaceChildren(
      element("option", "—", { value: "" }),
      ...store.structure.perspectives.map((p) => element("option", p.name, { value: p.name })),
    );
    side.value = chosen;
  }

  async function drawHistory(offer) {
    const { ok, body } = await call(`${api}/${offer.id}/history`);
    if (!ok) return;
    historyList.replaceChildren(
      ...body.revisions.map((revision) => {
        const item = element("li", t("Version {version} by {author}, {at}", { version: revision.version, author: isolate(revision.author), at: revision.at }));
        return item;
      }),
    );
  }

  function open(offer) {
    editing = offer;
    heading.textContent = offer.provider ? `${offer.provider}: ${offer.title}` : offer.title;
    conflict.hidden = true;
    reload.hidden = true;
    drawFields(offer);
    drawSides();
    form.hidden = false;
    drawHistory(offer);
    form.querySelector("input, textarea").focus();
  }

  async function save(event) {
    event.preventDefault();
    const data = new FormData(form);
    const payload = { version: editing.version, side: data.get("side") };
    for (const field of vocabulary.fields) payload[field.name] = data.get(field.name);
    payload.needs = data.getAll("needs");
    payload.benefit_tags = data.getAll("benefit_tags");
    const { ok, body } = await call(`${api}/${editing.id}`, { method: "PUT", body: JSON.stringify(payload) });
    if (!ok) {
      conflict.textContent = body.message;
      conflict.hidden = false;
      reload.hidden = body.code !== "version_conflict";
      return;
    }
    offers = offers.map((offer) => (offer.id === body.offer.id ? body.offer : offer));
    editing = body.offer;
    conflict.hidden = true;
    reload.hidden = true;
    heading.textContent = editing.provider ? `${editing.provider}: ${editing.title}` : editing.title;
    status.textContent = t("Saved version {version} of {title}.", { version: editing.version, title: editing.title });
    drawHistory(editing);
  }

  async function reloadLatest() {
    await loadOffers();
    const latest = offers.find((offer) => offer.id === editing.id);
    if (latest) open(latest);
    status.textContent = t("Latest version loaded: make your change again.");
  }

  form.addEventListener("submit", save);
  reload.addEventListener("click", reloadLatest);
  form.querySelector("[data-close]").addEventListener("click", () => {
    form.hidden = true;
    editing = null;
  });
  // Redrawn when the composer's board changes (its change event bubbles after the composer has taken it)
  // and whenever the store's notes or structure change.
  const redraw = () => vocabulary && drawNotes();
  document.getElementById("composer")?.addEventListener("change", redraw);
  store.subscribe(redraw);
  live.socket.on("connect", loadOffers);
  if (live.socket.connected) loadOffers();
}
