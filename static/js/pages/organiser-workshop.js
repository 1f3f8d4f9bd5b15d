// Organiser editor: each field saves on change (editor/autosave.js), groups, boards and perspectives
// reorder by drag or by their Up/Down buttons (editor/reorder.js); swatches are painted through CSSOM
// because CSP forbids inline style attributes.
import { AutosaveForm } from "../editor/autosave.js";
import { Reorder } from "../editor/reorder.js";
import { readPageState } from "../core/page-state.js";

for (const swatch of document.querySelectorAll("[data-colour]")) {
  swatch.style.setProperty("--swatch", swatch.dataset.colour);
}

const state = readPageState();
const csrf = document.querySelector("input[name=csrf_token]")?.value ?? "";
const announcer = document.getElementById("editor-announcer");
const announce = (text) => {
  announcer.textContent = text;
};
for (const form of document.querySelectorAll("form[data-autosave]")) {
  new AutosaveForm(form, { workshopId: state.workshop_id, csrf, structure: state.structure });
}
for (const list of document.querySelectorAll("[data-order]")) {
  new Reorder(list, { workshopId: state.workshop_id, csrf, announce });
}
document.body.classList.add("editor-enhanced");
