// isolate() keeps an override or a right-to-left name from reordering the text around it, as
// facilitation/kernel/bidi.isolate does for the server's pages and exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isolate } from "../../static/js/core/user-text.js";

const FSI = "\u2068";
const PDI = "\u2069";

test("left-to-right text comes back as it is", () => {
  assert.equal(isolate("Group 1"), "Group 1");
  assert.equal(isolate(""), "");
  assert.equal(isolate(null), "");
});

test("an override is closed where the text ends", () => {
  assert.equal(isolate("a\u202eb"), `${FSI}a\u202eb${PDI}`);
});

test("right-to-left letters are isolated too", () => {
  assert.equal(isolate("مرحبا"), `${FSI}مرحبا${PDI}`);
  assert.equal(isolate("שלום"), `${FSI}שלום${PDI}`);
});

test("a stray pop cannot close the isolate early, and an opened isolate is closed", () => {
  assert.equal(isolate(`a${PDI}\u202eb`), `${FSI}a\u202eb${PDI}`);
  assert.equal(isolate("a\u2067b"), `${FSI}a\u2067b${PDI}${PDI}`);
});
