// The projector's chrome in the workshop's language, or in both of a bilingual room's (Welsh first, as
// bilingual signage in Wales): the server puts one catalogue per room language in the state island
// (room_languages: [{lang, direction, catalogue}]). Notes are never translated; only what the product says.
// Marked like t()/nt() (make translations: keywords rt, rnt:1,2, rtParts):
//   heading.textContent = rt("Suggested themes");          // "Themâu a awgrymir · Suggested themes"
//   showRoomParts(caption, rtParts("Words from the notes will appear here."));   // a span per language
import { readPageState } from "../core/page-state.js";
import { translator } from "../core/i18n.js";

const SEPARATOR = " · ";

function roomTranslators() {
  if (typeof document === "undefined" || !document.getElementById("page-state")) return [translator()];
  const languages = readPageState().room_languages || [];
  const found = languages.map(({ catalogue, direction }) => ({ ...translator(catalogue), direction }));
  return found.length ? found : [translator(readPageState().i18n)];
}

const room = roomTranslators();

// The room's languages, first shown first: ["cy", "en"] in a bilingual room.
export const roomLanguages = room.map((one) => one.lang);
export const bilingual = room.length > 1;

// A parameter translated in each room language along with the sentence around it (so a bilingual key
// reads "…, ffin solet · …, solid border", not both languages twice): rt("{a}, {b}", { b: inEach(N_("x")) }).
export function inEach(msgid) {
  return { roomMsgid: msgid };
}

function paramsIn(one, params) {
  if (!params) return params;
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value && value.roomMsgid ? one.t(value.roomMsgid) : value]),
  );
}

// The text in each room language: [{lang, dir, text}].
export function rtParts(msgid, params) {
  return room.map((one) => ({ lang: one.lang, dir: one.direction || "ltr", text: one.t(msgid, paramsIn(one, params)) }));
}

export function rntParts(singular, plural, n, params) {
  return room.map((one) => ({ lang: one.lang, dir: one.direction || "ltr", text: one.nt(singular, plural, n, params) }));
}

// One string for an attribute or a short label: the languages joined, the first first.
export function rt(msgid, params) {
  return rtParts(msgid, params).map((part) => part.text).join(SEPARATOR);
}

export function rnt(singular, plural, n, params) {
  return rntParts(singular, plural, n, params).map((part) => part.text).join(SEPARATOR);
}

// Fill an element with one span per language (lang and dir on each, the second marked for styling).
export function showRoomParts(element, parts) {
  element.replaceChildren(
    ...parts.map((part, index) => {
      const span = element.ownerDocument.createElement("span");
      span.lang = part.lang;
      span.dir = part.dir;
      span.className = index === 0 ? "room-text" : "room-text room-text-second";
      span.textContent = part.text;
      return span;
    }),
  );
}
