// The live connection: connect with a token, catch up by revision, never trust delivery alone.
import { io } from "/static/vendor/socket.io.esm.min.js";
import { CatchUp, reconnectDelay } from "./catch-up.js";
import { BROADCASTS, EVENTS, NAMESPACE } from "./events.js";

const ACK_TIMEOUT_MS = 8000;

export function connectLive({ auth, store, onStatus = () => {} }) {
  // Reconnection is ours (reconnectDelay: full jitter), not socket.io's, whose first retry lands every phone
  // of a dropped room within the same half second.
  const socket = io(NAMESPACE, { auth, reconnection: false });
  let attempt = 0;
  let retry = null;

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

  const catchUp = new CatchUp({ store, request });

  function reconnectLater() {
    if (retry !== null || socket.connected) return;
    onStatus("reconnecting");
    retry = setTimeout(() => {
      retry = null;
      socket.connect();
    }, reconnectDelay(attempt));
    attempt += 1;
  }

  for (const name of BROADCASTS) socket.on(name, (envelope) => catchUp.receive(envelope));
  socket.on(EVENTS.BATCH, (envelopes) => catchUp.receiveBatch(envelopes));
  socket.on(EVENTS.WELCOME, (welcome) => catchUp.setRole(welcome.role));
  // Catch up on every (re)connect; the server's welcome may race the connection acknowledgement.
  socket.on("connect", () => {
    attempt = 0;
    onStatus("online");
    catchUp.sync();
  });
  socket.on("disconnect", (reason) => {
    onStatus("offline");
    // Dropped by the network or by the server (a replaced link, a removed attendee, a closed workshop: the
    // retry brings the refusal and its message to the screen instead of a silent "offline").
    if (reason !== "io client disconnect") reconnectLater();
  });
  socket.on("connect_error", (error) => {
    // A refusal (bad or revoked link) carries {code, message}: retrying would only be refused again.
    if (error.data && error.data.code) onStatus("refused", error.data.message);
    else {
      onStatus("offline");
      reconnectLater();
    }
  });

  return { socket, request, sync: () => catchUp.sync() };
}
