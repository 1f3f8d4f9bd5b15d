// The outbox: notes wait in localStorage until the server acknowledges them, and go out again with the
// same client id after a dropped connection or a reload, so the server stores each note once.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { Outbox } from "../../static/js/core/outbox.js";

const KEY = "fb-outbox:1:2";
const RETRY_MS = 3000;

// localStorage as the browser gives it: strings in, strings (or null) out.
class MemoryStorage {
  constructor() {
    this.data = new Map();
  }

  getItem(key) {
    return this.data.has(key) ? this.data.get(key) : null;
  }

  setItem(key, value) {
    this.data.set(key, String(value));
  }
}

// A server whose acknowledgements the test decides, one per send, recording what it was sent.
function fakeServer(...acks) {
  const sent = [];
  const send = async (payload) => {
    sent.push(payload);
    return acks.length > 1 ? acks.shift() : acks[0];
  };
  return { sent, send };
}

const OK = { ok: true, note: { id: 77 } };
const OFFLINE = { ok: false, code: "offline", message: "Not connected; will retry." };
const REFUSED = { ok: false, code: "too_long", message: "That note is too long." };

// Lets a flush that is under way run to its end (every await inside it is a resolved promise).
const settle = () => new Promise((resolve) => setImmediate(resolve));

const stored = () => JSON.parse(globalThis.localStorage.getItem(KEY));

describe("Outbox", () => {
  beforeEach(() => {
    globalThis.localStorage = new MemoryStorage();
    mock.timers.enable({ apis: ["setTimeout"] }); // the 3 s retry delay, moved on by hand
  });

  afterEach(() => {
    mock.timers.reset();
    delete globalThis.localStorage;
  });

  test("a new note is stored before it is sent, then sent with its client id", async () => {
    const server = fakeServer(OK);
    const outbox = new Outbox(KEY, server.send);
    const item = outbox.add({ board_id: 10, text: "Time to talk" });
    assert.equal(stored()[0].state, "sending"); // saved before the send could fail
    assert.equal(stored()[0].client_id, item.client_id);
    await settle();
    assert.deepEqual(server.sent, [{ board_id: 10, text: "Time to talk", client_id: item.client_id }]);
  });

  test("an acknowledged note is marked sent, kept with the server's note, and not sent again", async () => {
    const server = fakeServer(OK);
    const outbox = new Outbox(KEY, server.send);
    outbox.add({ text: "a" });
    await settle();
    assert.equal(outbox.items[0].state, "sent");
    assert.deepEqual(outbox.items[0].note, { id: 77 });
    assert.equal(stored()[0].state, "sent");
    await outbox.flush();
    mock.timers.tick(RETRY_MS * 3);
    await settle();
    assert.equal(server.sent.length, 1);
  });

  test("a note the network refused is resent, with the same client id, until it is acknowledged", async () => {
    const server = fakeServer(OFFLINE, OFFLINE, OK);
    const outbox = new Outbox(KEY, server.send);
    const item = outbox.add({ text: "a" });
    await settle();
    assert.equal(outbox.items[0].state, "sending");
    assert.equal(outbox.items[0].message, OFFLINE.message);

    mock.timers.tick(RETRY_MS - 1);
    await settle();
    assert.equal(server.sent.length, 1); // not before the retry delay

    mock.timers.tick(1);
    await settle();
    assert.equal(server.sent.length, 2);
    mock.timers.tick(RETRY_MS);
    await settle();
    assert.equal(server.sent.length, 3);
    assert.deepEqual(
      server.sent.map((payload) => payload.client_id),
      [item.client_id, item.client_id, item.client_id],
    );
    assert.equal(outbox.items[0].state, "sent");
    assert.equal(outbox.items[0].message, "");

    mock.timers.tick(RETRY_MS * 5);
    await settle();
    assert.equal(server.sent.length, 3); // acknowledged: the retries stop
  });

  test("every retryable code is retried; any other refusal fails the note and waits for the person", async () => {
    for (const code of ["offline", "timeout", "rate_limited", "server_error"]) {
      const server = fakeServer({ ok: false, code, message: code }, OK);
      const outbox = new Outbox(`${KEY}:${code}`, server.send);
      outbox.add({ text: code });
      await settle();
      assert.equal(outbox.items[0].state, "sending", code);
      mock.timers.tick(RETRY_MS);
      await settle();
      assert.equal(outbox.items[0].state, "sent", code);
    }

    const server = fakeServer(REFUSED, OK);
    const outbox = new Outbox(KEY, server.send);
    const item = outbox.add({ text: "far too long" });
    await settle();
    assert.equal(outbox.items[0].state, "failed");
    assert.equal(outbox.items[0].message, REFUSED.message);
    mock.timers.tick(RETRY_MS * 5);
    await settle();
    assert.equal(server.sent.length, 1); // a refused note is not retried on its own

    outbox.retry(item.client_id);
    await settle();
    assert.equal(server.sent.length, 2);
    assert.equal(server.sent[1].client_id, item.client_id);
    assert.equal(outbox.items[0].state, "sent");
  });

  test("later notes wait behind one the network refused, and go out in order", async () => {
    const server = fakeServer(OFFLINE, OFFLINE, OK);
    const outbox = new Outbox(KEY, server.send);
    const first = outbox.add({ text: "first" });
    await settle();
    const second = outbox.add({ text: "second" });
    await settle();
    // The second add flushed again: the first was tried again and refused, the second never went.
    assert.deepEqual(
      server.sent.map((payload) => payload.text),
      ["first", "first"],
    );
    server.sent.length = 0;
    mock.timers.tick(RETRY_MS);
    await settle();
    assert.deepEqual(
      server.sent.map((payload) => payload.client_id),
      [first.client_id, second.client_id],
    );
    assert.deepEqual(
      outbox.items.map((entry) => entry.state),
      ["sent", "sent"],
    );
  });

  test("a reload keeps unsent notes and sends them with their original client ids", async () => {
    const offline = fakeServer(OFFLINE);
    const before = new Outbox(KEY, offline.send);
    const item = before.add({ board_id: 10, text: "kept" });
    await settle();

    // The page reloads: a new outbox over the same storage.
    const server = fakeServer(OK);
    const after = new Outbox(KEY, server.send);
    assert.equal(after.items.length, 1);
    assert.equal(after.items[0].client_id, item.client_id);
    assert.equal(after.items[0].state, "sending");
    await after.flush();
    assert.deepEqual(server.sent, [{ board_id: 10, text: "kept", client_id: item.client_id }]);
    assert.equal(stored()[0].state, "sent");
  });

  test("only the last 50 sent notes are kept; unsent ones never drop", async () => {
    const server = fakeServer(OK);
    const outbox = new Outbox(KEY, server.send);
    const sent = [];
    for (let i = 0; i < 55; i += 1) {
      sent.push(outbox.add({ text: `n${i}` }).client_id);
      await settle();
    }
    assert.equal(outbox.items.length, 50);
    assert.deepEqual(
      outbox.items.map((entry) => entry.client_id),
      sent.slice(5),
    );
    assert.equal(stored().length, 50);
  });

  test("broken or foreign storage starts an empty outbox", () => {
    globalThis.localStorage.setItem(KEY, "{not json");
    assert.deepEqual(new Outbox(KEY, async () => OK).items, []);
    globalThis.localStorage.setItem(KEY, JSON.stringify({ not: "a list" }));
    assert.deepEqual(new Outbox(KEY, async () => OK).items, []);
  });

  test("when storage refuses to write, the note still goes out from memory", async () => {
    globalThis.localStorage.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    const server = fakeServer(OK);
    const outbox = new Outbox(KEY, server.send);
    outbox.add({ text: "private mode" });
    await settle();
    assert.equal(server.sent.length, 1);
    assert.equal(outbox.items[0].state, "sent");
  });

  test("subscribers see the items at once and after every change", async () => {
    const server = fakeServer(OK);
    const outbox = new Outbox(KEY, server.send);
    const seen = [];
    outbox.subscribe((items) => seen.push(items.map((entry) => entry.state).join(",")));
    outbox.add({ text: "a" });
    await settle();
    assert.deepEqual(seen, ["", "sending", "sent"]);
  });
});

