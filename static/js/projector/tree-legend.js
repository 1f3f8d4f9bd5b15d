// The tree's key, on the ground line between canopy and roots, so it takes no room from the notes.
// Perspective shows as colour AND border style AND a labelled symbol; the key says which is which.
// Names are user text: isolated, so an Arabic perspective name cannot reorder the sentence around it.
import { perspectiveLabel } from "../core/note-card.js";
import { isolate } from "../core/user-text.js";
import { N_ } from "../core/i18n.js";
import { inEach, rt } from "./room-language.js";

export const PERSPECTIVE_SYMBOLS = ["●", "■", "▲", "◆"];
const BORDERS = [N_("solid border"), N_("dashed border"), N_("dotted border"), N_("double border")];

export function legend(store) {
  const list = document.createElement("ul");
  list.className = "tree-legend";
  list.setAttribute("aria-label", rt("Key"));
  const entry = (className, symbol, text) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `legend-swatch ${className}`;
    swatch.textContent = symbol;
    const label = document.createElement("span");
    label.textContent = text;
    item.append(swatch, label);
    list.append(item);
  };
  entry("legend-leaf", "▲", rt("Enablers: leaves"));
  store.structure.perspectives.forEach((perspective, index) => {
    const name = rt("{short} = {name}, {border}", {
      short: isolate(perspectiveLabel(perspective.name)),
      name: isolate(perspective.name),
      border: inEach(BORDERS[index % BORDERS.length]),
    });
    entry(`persp-${index}`, PERSPECTIVE_SYMBOLS[index % PERSPECTIVE_SYMBOLS.length], name);
  });
  entry("legend-root", "▼", rt("Barriers: roots"));
  return list;
}
