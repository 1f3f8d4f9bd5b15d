// Entry point of the attendee's phone page.
import { BoardView } from "./board-view.js";
import { Composer } from "./composer.js";
import { showConnection } from "./connection-status.js";
import { EVENTS } from "./events.js";
import { connectLive } from "./live.js";
import { renderMyNotes } from "./my-notes.js";
import { Outbox } from "./outbox.js";
import { readPageState } from "./page-state.js";
import { WorkshopStore } from "./store.js";

const state = readPageState();
const store = new WorkshopStore(state);
const status = document.getElementById("connection");
const live = connectLive({
  auth: { token: state.token },
  store,
  onStatus: (value, detail) => {
    showConnection(status, value, detail);
    if (value === "online") outbox.flush();
  },
});
const outbox = new Outbox(`fb-outbox:${state.workshop_id}:${state.participant_id}`, (payload) =>
  live.request(EVENTS.NOTE_POST, payload),
);

const boardView = new BoardView(document.getElementById("board-notes"), store, {
  emptyText: "No notes on this board yet. Be the first!",
});
const composer = new Composer(document.getElementById("composer"), store, {
  boardFilter: (board) => board.open_to_attendees,
  onSubmit: (payload) => {
    outbox.add(payload);
    document.getElementById("composer-status").textContent = "Note saved on this phone and sending.";
  },
  onBoardChange: (boardId) => boardView.show(boardId),
});
boardView.show(composer.boardId);

const myNotes = document.getElementById("my-notes");
outbox.subscribe((items) => renderMyNotes(myNotes, items, store, { onRetry: (id) => outbox.retry(id) }));

store.subscribe((change) => {
  if (change.kind === "structure" || change.kind === "reset") {
    composer.render();
    boardView.show(composer.boardId);
  } else if (change.kind === "note-added") {
    boardView.add(change.note);
  } else if (change.kind === "note-updated") {
    boardView.update(change.note);
  }
});
