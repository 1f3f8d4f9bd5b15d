// The page's language for browser modules: t() and nt() look strings up in the JS catalogue the server put
// in the state island (#page-state → i18n: {lang, plural_categories, messages, plurals}); a string with no
// translation is shown in English, its source. Mark strings with literal arguments only, so that pybabel
// extracts them (make translations: keywords t and nt:1,2):
//   t("Send")                              t("Hello {name}", { name })
//   nt("{n} note", "{n} notes", count)     // {n} is the count, formatted for the language
import { readPageState } from "./page-state.js";

const ENGLISH = Object.freeze({ lang: "en", plural_categories: ["one", "other"], messages: {}, plurals: {} });

function pageCatalogue() {
  if (typeof document === "undefined" || !document.getElementById("page-state")) return ENGLISH;
  return readPageState().i18n || ENGLISH;
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// t/nt over one catalogue: the page's (below), or each of a bilingual projector's (projector/room-language.js).
export function translator(catalogue = ENGLISH) {
  const pluralRules = new Intl.PluralRules(catalogue.lang);
  const numberFormat = new Intl.NumberFormat(catalogue.lang);
  return {
    lang: catalogue.lang,
    t: (msgid, params) => fill(catalogue.messages[msgid] || msgid, params),
    nt: (singular, plural, n, params) => {
      const forms = catalogue.plurals[singular];
      const index = catalogue.plural_categories.indexOf(pluralRules.select(n));
      const chosen = forms && index >= 0 && forms[index] ? forms[index] : n === 1 ? singular : plural;
      return fill(chosen, { n: numberFormat.format(n), ...params });
    },
    formatNumber: (value) => numberFormat.format(value),
  };
}

const page = translator(pageCatalogue());

// The page's language tag ("cy", "ar", …), e.g. for Intl formatters.
export const language = page.lang;

// The translation of msgid, with {name} placeholders filled from params.
export const t = page.t;

// The plural form for n (Welsh has six: zero, one, two, few, many, other), {n} and params filled in.
export const nt = page.nt;

// A number formatted for the page's language.
export const formatNumber = page.formatNumber;

// Marks a msgid for extraction without translating it yet, for tables of labels translated where they are
// shown: const LABELS = { online: N_("Live") }; … t(LABELS[status]) (or rt() on the projector).
export const N_ = (msgid) => msgid;
