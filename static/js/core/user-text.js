// Text that people typed, kept to itself: a right-to-left override or an Arabic name must not reorder the
// labels around it. The same rule as facilitation/kernel/bidi.py.

const INITIATORS = new Set(["\u2066", "\u2067", "\u2068"]);
const PDI = "\u2069";
const STEERS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/u;

// For text with no element of its own (a sentence built around a name, an <option>): FSI … PDI, balanced.
export function isolate(text) {
  const value = text == null ? "" : String(text);
  if (!STEERS.test(value)) return value;
  let depth = 0;
  let kept = "";
  for (const ch of value) {
    if (INITIATORS.has(ch)) depth += 1;
    else if (ch === PDI) {
      if (depth === 0) continue; // it would close our isolate, not one of the text's own
      depth -= 1;
    }
    kept += ch;
  }
  return `\u2068${kept}${PDI.repeat(depth)}${PDI}`;
}

// For an element that holds only user text: the text, and dir="auto" (which also isolates it).
export function showUserText(element, text) {
  element.textContent = text ?? "";
  element.dir = "auto";
  return element;
}
