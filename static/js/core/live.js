// The live connection: connect with a token, catch up by revision, never trust delivery alone.
import { io } from "/static/vendor/socket.io.esm.min.js";
import { BROADCASTS, EVENTS, NAMESPACE } from "./events.js";

const ACK_TIMEOUT_MS = 8000;

export function connectLive({ auth, store, onStatus = () => {} }) {
  const socket = io(NAMESPACE, {
    auth,
    // Phones on venue Wi-Fi drop often: keep trying, but not in lock-step with every other phone.
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  let syncing = false;
  let syncAgain = false;

  function request(event, payload = {}) {
    return new Promise((resolve) => {
      if (!socket.connected) {
        resolve({ ok: false, code: "offline", message: "Not connected; will retry." });
        return;
      }
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error, ack) => {
        resolve(error ? { ok: false, code: "timeout", message: "No answer yet; will retry." } : ack);
      });
    });
  }

  async function sync() {
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    try {
      do {
        syncAgain = false;
        const ack = await request(EVENTS.SYNC, { since: store.revision });
        if (!ack.ok) break;
        if (ack.reset) store.replace(ack.state);
        else for (const change of ack.changes) if (change.revision > store.revision) store.apply(change);
        // Revisions this role may not see (moderation) leave gaps; the server's number closes them.
        store.advanceTo(ack.revision);
      } while (syncAgain);
    } finally {
      syncing = false;
    }
  }

  function receive(envelope) {
    if (envelope.revision <= store.revision) return; // already have it (a late duplicate)
    if (envelope.revision === store.revision + 1 && !syncing) store.apply(envelope);
    else sync(); // a gap: ask for everything after what we have
  }

  for (const name of BROADCASTS) socket.on(name, receive);
  // Catch up on every (re)connect; the server's welcome may race the connection acknowledgement.
  socket.on("connect", () => {
    onStatus("online");
    sync();
  });
  socket.on("disconnect", (reason) => {
    onStatus("offline");
    // The server dropped us (a replaced link, a removed attendee, a closed workshop): try once more, so the
    // refusal and its message reach the screen instead of a silent "offline".
    if (reason === "io server disconnect") socket.connect();
  });
  socket.io.on("reconnect_attempt", () => onStatus("reconnecting"));
  socket.on("connect_error", (error) => {
    // A refusal (bad or revoked link) carries {code, message}; a network error does not.
    if (error.data && error.data.code) onStatus("refused", error.data.message);
    else onStatus("offline");
  });

  return { socket, request, sync };
}
