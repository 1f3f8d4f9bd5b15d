// The catalogue of Socket.IO names; mirrors facilitation/events.py and docs/protocol.md.
export const NAMESPACE = "/live";

export const EVENTS = Object.freeze({
  WELCOME: "welcome",
  NOTE_ADDED: "note:added",
  NOTE_UPDATED: "note:updated",
  STRUCTURE_CHANGED: "structure:changed",
  PROJECTOR_CHANGED: "projector:changed",
  SYNC: "sync",
  STATE: "state",
  NOTE_POST: "note:post",
  PROJECTOR_SHOW: "projector:show",
});

// Envelopes {revision, event, data} that advance a workshop's revision.
export const BROADCASTS = Object.freeze([
  EVENTS.NOTE_ADDED,
  EVENTS.NOTE_UPDATED,
  EVENTS.STRUCTURE_CHANGED,
  EVENTS.PROJECTOR_CHANGED,
]);
