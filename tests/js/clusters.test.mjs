// Grouping notes for the tree and the theme views (static/js/projector/clusters.js): every note in
// exactly one cluster, a stable order as notes arrive, the smallest collapsed into one that still
// counts them, and the mixes the cluster headings show.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  clustersOf,
  collapse,
  groupMix,
  JUST_ARRIVED_MAX,
  mayGrow,
  perspectiveMix,
  rankForShowing,
  shortName,
} from "../../static/js/projector/clusters.js";

const perspectives = [
  { id: 7, name: "Link workers" },
  { id: 8, name: "Cultural providers" },
];
const groups = [
  { id: 1, name: "Group 1" },
  { id: 2, name: "Group 2" },
];
const note = (id, fields = {}) => ({ id, text: `note ${id}`, perspective_id: 7, group_id: 1, ...fields });
const theme = (id, noteIds, label = `Theme ${id}`) => ({ id, board_id: 1, label, suggested_label: label, note_ids: noteIds });
const ids = (clusters) => clusters.flatMap((c) => c.notes.map((n) => n.id)).sort((a, b) => a - b);

describe("clustersOf", () => {
  test("without themes, notes are grouped by perspective, every note once", () => {
    const notes = [note(1), note(2, { perspective_id: 8 }), note(3, { perspective_id: null }), note(4)];
    const clusters = clustersOf(notes, { perspectives });
    assert.deepEqual(
      clusters.map((c) => [c.key, c.label, c.count]),
      [
        ["p:7", "Link workers", 2],
        ["p:8", "Cultural providers", 1],
        ["p:none", "No perspective", 1],
      ],
    );
    assert.deepEqual(ids(clusters), [1, 2, 3, 4]);
  });

  test("themes hold their notes; a few unthemed newcomers wait together as just arrived", () => {
    const notes = [1, 2, 3, 4, 5, 6].map((id) => note(id));
    const clusters = clustersOf(notes, { themes: [theme(10, [1, 3]), theme(11, [2, 4, 5])], perspectives });
    assert.deepEqual(
      clusters.map((c) => [c.key, c.count]),
      [
        ["t:10", 2],
        ["t:11", 3],
        ["new", 1],
      ],
    );
    assert.equal(clusters[2].label, "Just arrived");
    assert.deepEqual(ids(clusters), [1, 2, 3, 4, 5, 6]);
  });

  test("many unthemed notes (themes not found yet for them) fall back to perspectives", () => {
    const notes = Array.from({ length: JUST_ARRIVED_MAX + 3 }, (_, i) => note(i + 1, { perspective_id: i % 2 ? 8 : 7 }));
    const clusters = clustersOf(notes, { themes: [theme(10, [1])], perspectives });
    assert.deepEqual(clusters.map((c) => c.key), ["t:10", "p:8", "p:7"]);
    assert.equal(ids(clusters).length, notes.length);
  });

  test("the order follows each cluster's oldest note, so a newcomer never reorders the rest", () => {
    const before = clustersOf([note(5, { perspective_id: 8 }), note(9)], { perspectives }).map((c) => c.key);
    const after = clustersOf([note(5, { perspective_id: 8 }), note(9), note(12, { perspective_id: 8 }), note(14, { perspective_id: null })], {
      perspectives,
    }).map((c) => c.key);
    assert.deepEqual(before, ["p:8", "p:7"]);
    assert.deepEqual(after, ["p:8", "p:7", "p:none"]);
  });

  test("a theme is labelled by its label, else its suggestion", () => {
    const [cluster] = clustersOf([note(1)], { themes: [{ ...theme(3, [1]), label: "" , suggested_label: "Transport" }] });
    assert.equal(cluster.label, "Transport");
  });
});

describe("collapse", () => {
  const clusters = clustersOf(
    [1, 2, 3, 4, 5, 6, 7, 8].map((id) => note(id)),
    { themes: [theme(1, [1, 2, 3, 4]), theme(2, [5]), theme(3, [6, 7]), theme(4, [8])] },
  );

  test("keeps everything when there is room", () => {
    assert.equal(collapse(clusters, 4), clusters);
  });

  test("keeps the largest and counts the rest in one cluster that names them", () => {
    const kept = collapse(clusters, 3);
    assert.deepEqual(kept.map((c) => c.key), ["t:1", "t:3", "more"]);
    const more = kept[2];
    assert.equal(more.label, "2 more groups");
    assert.equal(more.count, 2);
    assert.deepEqual(more.members, [
      { label: "Theme 2", count: 1 },
      { label: "Theme 4", count: 1 },
    ]);
    assert.equal(kept.reduce((sum, c) => sum + c.count, 0), 8, "the counts still add up to every note");
  });
});

describe("what a cluster shows", () => {
  test("most voted first, else newest first", () => {
    assert.deepEqual(rankForShowing([note(1), note(2), note(3)]).map((n) => n.id), [3, 2, 1]);
    assert.deepEqual(rankForShowing([note(1, { votes: 4 }), note(2, { votes: 0 }), note(3, { votes: 4 })]).map((n) => n.id), [3, 1, 2]);
  });

  test("the perspective mix in the workshop's order, no perspective last", () => {
    const mix = perspectiveMix([note(1, { perspective_id: null }), note(2, { perspective_id: 8 }), note(3), note(4)], perspectives);
    assert.deepEqual(mix.map((m) => [m.index, m.count]), [[0, 2], [1, 1], [-1, 1]]);
  });

  test("the group mix in the workshop's order, notes without a group left out", () => {
    const mix = groupMix([note(1, { group_id: 2 }), note(2), note(3, { group_id: null }), note(4, { group_id: 2 })], groups);
    assert.deepEqual(mix.map((m) => [m.group.id, m.count]), [[1, 1], [2, 2]]);
  });

  test("short names for the mix line", () => {
    assert.equal(shortName("Group 3"), "G3");
    assert.equal(shortName("Link workers"), "LW");
    assert.equal(shortName("مكتبة"), "م");
    assert.equal(shortName(""), "?");
  });
});

describe("mayGrow", () => {
  test("with themes another cluster may always come; by perspective only while one is missing", () => {
    const all = clustersOf([note(1), note(2, { perspective_id: 8 }), note(3, { perspective_id: null })], { perspectives });
    assert.equal(mayGrow(all, { perspectives }), false);
    assert.equal(mayGrow(all.slice(0, 2), { perspectives }), true);
    assert.equal(mayGrow(all, { themes: [theme(1, [1])], perspectives }), true);
  });
});
