// Note ids made on the device: 32 hex digits from crypto.getRandomValues (randomUUID needs HTTPS).
import assert from "node:assert/strict";
import { test } from "node:test";

import { newClientId } from "../../static/js/core/client-id.js";

test("a client id is 32 lower-case hex digits (128 random bits)", () => {
  for (let i = 0; i < 50; i += 1) assert.match(newClientId(), /^[0-9a-f]{32}$/);
});

test("client ids do not repeat", () => {
  const ids = new Set(Array.from({ length: 5000 }, newClientId));
  assert.equal(ids.size, 5000);
});

test("the id comes from crypto.getRandomValues, byte for byte, never from randomUUID", (t) => {
  const getRandomValues = t.mock.method(globalThis.crypto, "getRandomValues", (bytes) => {
    bytes.forEach((_, i) => {
      bytes[i] = i * 17; // 0x00, 0x11, ... 0xff: every byte padded to two digits
    });
    return bytes;
  });
  const randomUUID = t.mock.method(globalThis.crypto, "randomUUID");
  assert.equal(newClientId(), "00112233445566778899aabbccddeeff");
  assert.equal(getRandomValues.mock.callCount(), 1);
  const [bytes] = getRandomValues.mock.calls[0].arguments;
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(bytes.length, 16);
  assert.equal(randomUUID.mock.callCount(), 0);
});
