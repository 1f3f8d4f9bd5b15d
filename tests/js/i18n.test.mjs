// The browser's translator: the plural form for n in the language's own rules (Intl.PluralRules, the CLDR
// categories in .po order), placeholders filled, English when a string has no translation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { t, translator } from "../../static/js/core/i18n.js";

const WELSH = {
  lang: "cy",
  plural_categories: ["zero", "one", "two", "few", "many", "other"],
  messages: { Send: "Anfon", "Hello {name}": "Helo {name}" },
  plurals: { "{n} note": ["dim-{n}", "un-{n}", "dau-{n}", "tri-{n}", "chwech-{n}", "arall-{n}"] },
};

test("Welsh picks each of its six plural forms", () => {
  const cy = translator(WELSH);
  const forms = [0, 1, 2, 3, 4, 6, 7, 11, 100].map((n) => cy.nt("{n} note", "{n} notes", n));
  assert.deepEqual(forms, ["dim-0", "un-1", "dau-2", "tri-3", "arall-4", "chwech-6", "arall-7", "arall-11", "arall-100"]);
});

test("Arabic picks few for 3 to 10 and many for 11 to 99", () => {
  const ar = translator({ ...WELSH, lang: "ar", plurals: { "{n} note": ["zero", "one", "two", "few", "many", "other"] } });
  assert.deepEqual(
    [0, 1, 2, 3, 10, 11, 99, 100, 103].map((n) => ar.nt("{n} note", "{n} notes", n)),
    ["zero", "one", "two", "few", "few", "many", "many", "other", "few"],
  );
});

test("placeholders are filled and untranslated strings fall back to English", () => {
  const cy = translator(WELSH);
  assert.equal(cy.t("Send"), "Anfon");
  assert.equal(cy.t("Hello {name}", { name: "Siân" }), "Helo Siân");
  assert.equal(cy.t("Not in the catalogue {x}", { x: 1 }), "Not in the catalogue 1");
  assert.equal(cy.nt("{n} vote", "{n} votes", 2), "2 votes");
  assert.equal(t("Send"), "Send"); // no page catalogue outside a browser: the source
});
