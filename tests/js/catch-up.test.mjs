// CatchUp and reconnectDelay: what the live connection does with envelopes, batches and dropped sockets.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { BACKOFF, CatchUp, reconnectDelay } from "../../static/js/core/catch-up.js";
import { EVENTS } from "../../static/js/core/events.js";
import { WorkshopStore } from "../../static/js/core/store.js";

function storeAt(revision) {
  const structure = { workshop: { id: 1, projector_board_id: null }, boards: [], groups: [], perspectives: [] };
  return new WorkshopStore({ revision, structure, notes: [] });
}

function added(revision, id, extra = {}) {
  return { revision, event: EVENTS.NOTE_ADDED, data: { note: { id, board_id: 10, status: "visible" } }, ...extra };
}

// A server that answers sync from a change log, recording every request.
function serverWith(changes, revision) {
  const asked = [];
  const request = async (event, payload) => {
    asked.push({ event, ...payload });
    return { ok: true, reset: false, revision, changes: changes.filter((c) => c.revision > payload.since) };
  };
  return { asked, request };
}

describe("reconnectDelay", () => {
  test("is jittered: the same attempt waits differently for different phones", () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(0)));
    assert.ok(delays.size > 25, `only ${delays.size} distinct delays out of 50`);
  });

  test("spreads over the whole range, from 0 up to the exponential ceiling (full jitter)", () => {
    assert.equal(reconnectDelay(0, { random: () => 0 }), 0);
    assert.equal(reconnectDelay(0, { random: () => 0.999999 }), BACKOFF.baseMs - 1);
    assert.equal(reconnectDelay(2, { random: () => 0.5 }), 2 * BACKOFF.baseMs);
    for (let n = 0; n < 200; n += 1) {
      const delay = reconnectDelay(1);
      assert.ok(delay >= 0 && delay < 2 * BACKOFF.baseMs, `delay ${delay}`);
    }
  });

  test("the ceiling doubles per attempt and stops at the cap", () => {
    const ceiling = (attempt) => reconnectDelay(attempt, { random: () => 0.999999 }) + 1;
    assert.deepEqual([0, 1, 2].map(ceiling), [1000, 2000, 4000]);
    assert.equal(ceiling(20), BACKOFF.capMs);
  });
});

describe("CatchUp", () => {
  test("a phone applies a public envelope after skipped moderator-only revisions without syncing", async () => {
    const store = storeAt(4);
    const server = serverWith([], 9);
    const catchUp = new CatchUp({ store, request: server.request });
    catchUp.setRole("attendee");
    catchUp.receive(added(7, 1, { after: 4 })); // 5 and 6 were pending notes, for moderators only
    assert.equal(store.revision, 7);
    assert.ok(store.notes.has(1));
    assert.deepEqual(server.asked, []);
  });

  test("a moderator screen still syncs across the same gap: it may see what was skipped", async () => {
    const store = storeAt(4);
    const server = serverWith([added(5, 2), added(7, 1)], 7);
    const catchUp = new CatchUp({ store, request: server.request });
    catchUp.setRole("facilitator");
    catchUp.receive(added(7, 1, { after: 4 }));
    await catchUp.sync();
    assert.deepEqual(server.asked[0], { event: EVENTS.SYNC, since: 4 });
    assert.equal(store.revision, 7);
  });

  test("a phone that missed a public change syncs: `after` is past what it has", async () => {
    const store = storeAt(4);
    const server = serverWith([added(5, 3), added(7, 1)], 7);
    const catchUp = new CatchUp({ store, request: server.request });
    catchUp.setRole("attendee");
    catchUp.receive(added(7, 1, { after: 5 }));
    await catchUp.sync();
    assert.equal(server.asked[0].since, 4);
    assert.ok(store.notes.has(3), "the missed note came back through sync");
  });

  test("a batch is applied in order; one missing from it is caught up through sync", async () => {
    const store = storeAt(10);
    const log = [added(11, 1), added(12, 2), added(13, 3), added(14, 4)];
    const server = serverWith(log, 14);
    const catchUp = new CatchUp({ store, request: server.request });
    catchUp.receiveBatch([log[0], log[1]]);
    assert.equal(store.revision, 12);
    assert.deepEqual(server.asked, []);
    catchUp.receiveBatch([log[3]]); // 13 never arrived
    await catchUp.sync();
    assert.equal(server.asked[0].since, 12);
    assert.equal(store.revision, 14);
    assert.deepEqual([...store.notes.keys()].sort(), [1, 2, 3, 4]);
  });
});
