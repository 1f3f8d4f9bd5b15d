// The editor that saves itself: every field of an existing item saves when it changes, says "Saved" (or
// why not) beside it, and refuses to overwrite silently what someone else changed since the page loaded.
// Without script the same forms post with their Save buttons.
import { language, t } from "../core/i18n.js";
import { KINDS, fillForm, same } from "./fields.js";

const time = () => new Date().toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });

export class AutosaveForm {
  constructor(form, { workshopId, csrf, structure }) {
    this.form = form;
    this.kind = form.dataset.autosave;
    this.spec = KINDS[this.kind];
    this.id = form.dataset.itemId ? Number(form.dataset.itemId) : null;
    this.workshopId = workshopId;
    this.csrf = csrf;
    // What the server held when this page was drawn (from the state island, not the fields: on a slow laptop
    // the organiser may have typed before this module ran).
    this.known = (structure && this.spec.fromServer(structure, this.id)) || this.spec.fromForm(form);
    this.state = document.createElement("p");
    this.state.className = "save-state";
    this.state.setAttribute("aria-live", "polite"); // spoken when it changes; not a page-level status role
    this.state.dataset.state = "idle";
    form.append(this.state);
    form.classList.add("autosaves");
    form.addEventListener("change", () => this.save());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    // Typed into before the module ran: that change event was missed, so save what is there now.
    if (!same(this.spec.fromForm(form), this.known)) this.save();
  }

  show(state, text, actions = []) {
    this.state.dataset.state = state;
    this.state.replaceChildren(text, ...actions);
    this.form.classList.toggle("has-save-error", state === "error" || state === "conflict");
  }

  async call(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = {};
    try {
      json = await response.json();
    } catch {
      json = { ok: false, message: t("The server answered {status}.", { status: response.status }) };
    }
    return json;
  }

  async save({ force = false } = {}) {
    const mine = this.spec.fromForm(this.form);
    const invalid = [...this.form.elements].find((field) => field.willValidate && !field.checkValidity());
    if (invalid) {
      invalid.setAttribute("aria-invalid", "true");
      this.show("error", t("Not saved: {reason}", { reason: invalid.validationMessage || t("this field needs a value.") }));
      invalid.focus();
      return false;
    }
    for (const field of this.form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    if (same(mine, this.known) && !force) return true;
    this.show("saving", t("Saving…"));
    try {
      if (!force) {
        const current = await this.call("GET", `/api/v1/workshops/${this.workshopId}/state`);
        const theirs = current.structure ? this.spec.fromServer(current.structure, this.id) : null;
        if (theirs && !same(theirs, this.known) && !same(theirs, mine)) return this.conflict(theirs);
      }
      const [method, url] = this.spec.request(this.workshopId, this.id);
      const answer = await this.call(method, url, mine);
      if (!answer.ok) {
        this.show("error", t("Not saved: {reason}", { reason: answer.message || t("the server refused it.") }));
        return false;
      }
      this.known = answer.structure ? this.spec.fromServer(answer.structure, this.id) ?? mine : mine;
      this.show("saved", t("Saved {time}", { time: time() }));
      return true;
    } catch {
      this.show("error", t("Not saved: no connection to the laptop. Change it again to retry."));
      return false;
    }
  }

  // Someone else saved this item after this page was drawn: say what they wrote, let the organiser choose.
  conflict(theirs) {
    const summary = Object.values(theirs)
      .map((value) => (Array.isArray(value) ? value.join(", ") : String(value ?? "")))
      .filter(Boolean)
      .join(" · ");
    const keep = Object.assign(document.createElement("button"), { type: "button", className: "secondary", textContent: t("Keep mine") });
    const take = Object.assign(document.createElement("button"), { type: "button", className: "secondary", textContent: t("Use theirs") });
    keep.addEventListener("click", () => this.save({ force: true }));
    take.addEventListener("click", () => {
      fillForm(this.kind, this.form, theirs);
      this.known = theirs;
      this.show("saved", t("Their version kept."));
    });
    this.show("conflict", t("Not saved: this was changed on another screen since you opened the page, to “{summary}”.", { summary }) + " ", [keep, " ", take]);
    this.form.querySelector("input, textarea, select")?.focus();
    return false;
  }
}
