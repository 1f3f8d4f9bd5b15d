// WorkshopStore: the client's copy of a workshop, advanced one envelope at a time.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { EVENTS } from "../../static/js/core/events.js";
import { WorkshopStore } from "../../static/js/core/store.js";

function structure() {
  return {
    workshop: { id: 1, projector_board_id: null },
    boards: [
      { id: 10, title: "Tree of understanding" },
      { id: 11, title: "Solutions" },
    ],
    groups: [{ id: 5, name: "Group A", colour: "#c00" }],
    perspectives: [{ id: 7, name: "Link worker" }],
  };
}

function note(id, fields = {}) {
  return { id, board_id: 10, status: "visible", text: `note ${id}`, client_id: `c${id}`, ...fields };
}

function storeAt(revision, notes = []) {
  return new WorkshopStore({ revision, structure: structure(), notes });
}

function recording(store) {
  const changes = [];
  store.subscribe((change) => changes.push(change));
  return changes;
}

describe("WorkshopStore", () => {
  test("starts from the page's state without telling anyone", () => {
    const store = storeAt(4, [note(2), note(1)]);
    assert.equal(store.revision, 4);
    assert.deepEqual([...store.notes.keys()], [2, 1]);
    assert.equal(store.board(11).title, "Solutions");
    assert.equal(store.group(5).name, "Group A");
    assert.equal(store.perspective(7).name, "Link worker");
    assert.equal(store.board(99), null);
    assert.equal(store.group(99), null);
    assert.equal(store.perspective(99), null);
  });

  test("applies envelopes in order, each one moving the revision on", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.NOTE_ADDED, data: { note: note(1) } });
    store.apply({ revision: 3, event: EVENTS.NOTE_ADDED, data: { note: note(2) } });
    store.apply({ revision: 4, event: EVENTS.NOTE_UPDATED, data: { note: note(1, { text: "edited" }) } });
    assert.equal(store.revision, 4);
    assert.deepEqual(
      changes.map((change) => [change.kind, change.note.id]),
      [
        ["note-added", 1],
        ["note-added", 2],
        ["note-updated", 1],
      ],
    );
    assert.equal(store.notes.get(1).text, "edited");
  });

  test("a note added twice is an update the second time, not a second note", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.NOTE_ADDED, data: { note: note(1) } });
    store.apply({ revision: 3, event: EVENTS.NOTE_ADDED, data: { note: note(1, { text: "again" }) } });
    assert.equal(store.notes.size, 1);
    assert.deepEqual(
      changes.map((change) => change.kind),
      ["note-added", "note-updated"],
    );
  });

  test("an update for an unknown note adds it", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.NOTE_UPDATED, data: { note: note(3) } });
    assert.equal(changes[0].kind, "note-added");
    assert.ok(store.notes.has(3));
  });

  test("a removed note is kept as removed, so visible-only views drop it", () => {
    const store = storeAt(1, [note(1), note(2)]);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.NOTE_REMOVED, data: { note_id: 1, board_id: 10 } });
    assert.equal(store.revision, 2);
    assert.equal(store.notes.get(1).status, "removed");
    assert.equal(store.notes.get(1).text, "note 1");
    assert.deepEqual(
      store.notesOn(10).map((n) => n.id),
      [2],
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0].kind, "note-updated");
    assert.equal(changes[0].note.status, "removed");
  });

  test("removing a note it never had only moves the revision on", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.NOTE_REMOVED, data: { note_id: 42, board_id: 10 } });
    assert.equal(store.revision, 2);
    assert.equal(store.notes.size, 0);
    assert.deepEqual(changes, []);
  });

  test("a structure change replaces the structure", () => {
    const store = storeAt(1);
    const changes = recording(store);
    const next = { ...structure(), boards: [{ id: 12, title: "Washing line" }] };
    store.apply({ revision: 2, event: EVENTS.STRUCTURE_CHANGED, data: next });
    assert.equal(store.structure, next);
    assert.equal(store.board(10), null);
    assert.equal(store.board(12).title, "Washing line");
    assert.deepEqual(changes, [{ kind: "structure" }]);
  });

  test("votes and the projector's board become notifications", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.VOTE_CHANGED, data: { round: { id: 3 } } });
    store.apply({ revision: 3, event: EVENTS.PROJECTOR_CHANGED, data: { board_id: 11 } });
    assert.deepEqual(changes, [
      { kind: "votes", round: { id: 3 } },
      { kind: "projector", boardId: 11 },
    ]);
    assert.equal(store.structure.workshop.projector_board_id, 11);
    assert.equal(store.revision, 3);
  });

  test("an event it does not know only moves the revision on", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.apply({ revision: 2, event: EVENTS.EVALUATION_RESULTS, data: {} });
    assert.equal(store.revision, 2);
    assert.deepEqual(changes, []);
  });

  test("notesOn lists a board's visible notes in id order", () => {
    const store = storeAt(1, [
      note(5),
      note(2),
      note(3, { board_id: 11 }),
      note(4, { status: "pending" }),
      note(1, { status: "hidden" }),
      note(6),
    ]);
    assert.deepEqual(
      store.notesOn(10).map((n) => n.id),
      [2, 5, 6],
    );
    assert.deepEqual(
      store.notesOn(11).map((n) => n.id),
      [3],
    );
  });

  test("advanceTo only ever moves forward", () => {
    const store = storeAt(5);
    store.advanceTo(3);
    assert.equal(store.revision, 5);
    store.advanceTo(9);
    assert.equal(store.revision, 9);
  });

  test("listeners hear every change until they unsubscribe", () => {
    const store = storeAt(1);
    const first = [];
    const second = [];
    const unsubscribe = store.subscribe((change) => first.push(change.kind));
    store.subscribe((change) => second.push(change.kind));
    store.apply({ revision: 2, event: EVENTS.NOTE_ADDED, data: { note: note(1) } });
    unsubscribe();
    store.apply({ revision: 3, event: EVENTS.NOTE_ADDED, data: { note: note(2) } });
    assert.deepEqual(first, ["note-added"]);
    assert.deepEqual(second, ["note-added", "note-added"]);
  });

  test("replace swaps in a whole new state and announces a reset", () => {
    const store = storeAt(1, [note(1), note(2)]);
    const changes = recording(store);
    const next = { ...structure(), boards: [{ id: 12, title: "Ideas" }] };
    store.replace({ revision: 40, structure: next, notes: [note(9, { board_id: 12 })] });
    assert.equal(store.revision, 40);
    assert.equal(store.structure, next);
    assert.deepEqual([...store.notes.keys()], [9]);
    assert.deepEqual(changes, [{ kind: "reset" }]);
  });

  test("a silent replace announces nothing", () => {
    const store = storeAt(1);
    const changes = recording(store);
    store.replace({ revision: 2, structure: structure(), notes: [] }, { silent: true });
    assert.equal(store.revision, 2);
    assert.deepEqual(changes, []);
  });
});
