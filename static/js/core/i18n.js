// The page's language for browser modules: t() and nt() look strings up in the JS catalogue the server put
// in the state island (#page-state → i18n: {lang, plural_categories, messages, plurals}); a string with no
// translation is shown in English, its source. Mark strings with literal arguments only, so that pybabel
// extracts them (babel-js.cfg: keywords t and nt:1,2):
//   t("Send")                              t("Hello {name}", { name })
//   nt("{n} note", "{n} notes", count)     // {n} is the count, formatted for the language
import { readPageState } from "./page-state.js";

const EMPTY = Object.freeze({ lang: "en", plural_categories: ["one", "other"], messages: {}, plurals: {} });

function readCatalogue() {
  if (typeof document === "undefined" || !document.getElementById("page-state")) return EMPTY;
  return readPageState().i18n || EMPTY;
}

const catalogue = readCatalogue();
const pluralRules = new Intl.PluralRules(catalogue.lang);
const numberFormat = new Intl.NumberFormat(catalogue.lang);

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// The page's language tag ("cy", "ar", …), e.g. for Intl formatters.
export const language = catalogue.lang;

// The translation of msgid, with {name} placeholders filled from params.
export function t(msgid, params) {
  return fill(catalogue.messages[msgid] || msgid, params);
}

// The plural form for n (Welsh has six: zero, one, two, few, many, other), {n} and params filled in.
export function nt(singular, plural, n, params) {
  const forms = catalogue.plurals[singular];
  const index = catalogue.plural_categories.indexOf(pluralRules.select(n));
  const chosen = forms && index >= 0 && forms[index] ? forms[index] : n === 1 ? singular : plural;
  return fill(chosen, { n: numberFormat.format(n), ...params });
}

// A number formatted for the page's language.
export function formatNumber(value) {
  return numberFormat.format(value);
}
