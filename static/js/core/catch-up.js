// Catching up by revision (docs/protocol.md §8), with no socket in sight so node --test can drive it:
// apply the next envelope, sync across a gap, and reconnect on a jittered backoff.
import { EVENTS } from "./events.js";

// Roles that see only public changes (and their own): a public envelope's `after` tells them they skipped
// only revisions they may not see (moderation), so they need not sync. Moderator screens see those too.
const PUBLIC_ONLY_ROLES = new Set(["attendee", "projector"]);

export class CatchUp {
  // `request(event, payload)` resolves to the acknowledgement ({ok: false} when offline).
  constructor({ store, request }) {
    this.store = store;
    this.request = request;
    this.role = null;
    this.syncing = false;
    this.syncAgain = false;
  }

  // From the server's welcome; until then every gap syncs.
  setRole(role) {
    this.role = role;
  }

  follows(envelope) {
    const last = this.store.revision;
    if (envelope.revision === last + 1) return true;
    return PUBLIC_ONLY_ROLES.has(this.role) && Number.isInteger(envelope.after) && envelope.after <= last;
  }

  receive(envelope) {
    if (envelope.revision <= this.store.revision) return; // already have it (a late duplicate)
    if (!this.syncing && this.follows(envelope)) this.store.apply(envelope);
    else this.sync(); // a gap: ask for everything after what we have
  }

  // A batched frame (`changes`): the room's envelopes of one short tick, in revision order.
  receiveBatch(envelopes) {
    for (const envelope of envelopes) this.receive(envelope);
  }

  async sync() {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.syncAgain = false;
        const ack = await this.request(EVENTS.SYNC, { since: this.store.revision });
        if (!ack.ok) break;
        if (ack.reset) this.store.replace(ack.state);
        else for (const change of ack.changes) if (change.revision > this.store.revision) this.store.apply(change);
        // Revisions this role may not see (moderation) leave gaps; the server's number closes them.
        this.store.advanceTo(ack.revision);
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
  }
}

// "Full jitter": the n-th retry (from 0) waits anywhere between 0 and an exponential ceiling, so a room of
// phones dropped at once (the laptop restarted, the Wi-Fi blinked) comes back spread out, not in waves.
export const BACKOFF = Object.freeze({ baseMs: 1000, capMs: 8000 });

export function reconnectDelay(attempt, { baseMs = BACKOFF.baseMs, capMs = BACKOFF.capMs, random = Math.random } = {}) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
