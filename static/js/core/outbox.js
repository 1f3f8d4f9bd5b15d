// Notes waiting to be acknowledged, kept in localStorage so a reload or a dropped
// Wi-Fi never loses one. Each keeps its client id, so a resend stores one note.
import { newClientId } from "./client-id.js";

// Worth resending: the network or the server's patience, not the note itself.
const RETRYABLE = new Set(["offline", "timeout", "rate_limited", "server_error", "unavailable"]);
const RETRY_MS = 3000;
const KEEP_SENT = 50;

export class Outbox {
  constructor(storageKey, send) {
    this.storageKey = storageKey;
    this.send = send;
    this.listeners = new Set();
    this.items = this.load();
    this.flushing = false;
    this.timer = null;
  }

  load() {
    try {
      const items = JSON.parse(localStorage.getItem(this.storageKey) ?? "[]");
      return Array.isArray(items) ? items : [];
    } catch {
      return [];
    }
  }

  save() {
    const sent = this.items.filter((item) => item.state === "sent");
    const drop = new Set(sent.slice(0, Math.max(0, sent.length - KEEP_SENT)));
    this.items = this.items.filter((item) => !drop.has(item));
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.items));
    } catch {
      // Storage full or disabled (private mode): the note still goes out from memory.
    }
    for (const listener of this.listeners) listener(this.items);
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.items);
  }

  add(payload) {
    const item = { client_id: newClientId(), payload, state: "sending", message: "", created: Date.now() };
    this.items.push(item);
    this.save();
    this.flush();
    return item;
  }

  retry(clientId) {
    const item = this.items.find((entry) => entry.client_id === clientId);
    if (!item) return;
    item.state = "sending";
    item.message = "";
    this.save();
    this.flush();
  }

  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    clearTimeout(this.timer);
    let waiting = false;
    try {
      for (const item of this.items.filter((entry) => entry.state === "sending")) {
        const ack = await this.send({ ...item.payload, client_id: item.client_id });
        if (ack.ok) {
          item.state = "sent";
          item.note = ack.note;
          item.message = "";
        } else if (RETRYABLE.has(ack.code)) {
          item.message = ack.message;
          waiting = true;
        } else {
          item.state = "failed";
          item.message = ack.message;
        }
        this.save();
        if (waiting) break; // keep order: later notes wait behind the one the network refused
      }
    } finally {
      this.flushing = false;
    }
    if (waiting) this.timer = setTimeout(() => this.flush(), RETRY_MS);
  }
}
