// Entry point of the attendee's phone page.
import { keepPageForOffline } from "../board/offline.js";
import { Announcer } from "../board/announcer.js";
import { showBoardMode } from "../board/board-mode.js";
import { BoardView } from "../board/board-view.js";
import { Composer } from "../board/composer.js";
import { showConnection } from "../core/connection-status.js";
import { EVENTS } from "../core/events.js";
import { connectLive } from "../core/live.js";
import { renderMyNotes } from "../board/my-notes.js";
import { Outbox } from "../core/outbox.js";
import { readPageState } from "../core/page-state.js";
import { WorkshopStore } from "../core/store.js";
import { guardUnsent } from "../board/unsent-guard.js";
import { PhoneVoting } from "../board/voting.js";
import { mountMyTable } from "../seating/phone-table.js";
import { mountActivities } from "../activities/phone-activities.js";
import { t } from "../core/i18n.js";

const state = readPageState();
const store = new WorkshopStore(state);
const status = document.getElementById("connection");
const announcer = new Announcer(document.getElementById("announcer"));
const live = connectLive({
  auth: { token: state.token },
  store,
  onStatus: (value, detail) => {
    showConnection(status, value, detail);
    announcer.connectionChanged(value);
    if (value === "online") {
      outbox.flush();
      voting.refresh();
    }
  },
});
const outbox = new Outbox(`fb-outbox:${state.workshop_id}:${state.participant_id}`, (payload) =>
  live.request(EVENTS.NOTE_POST, payload),
);

mountMyTable(live);
mountActivities(live);

const boardView = new BoardView(document.getElementById("board-notes"), store, {
  emptyText: t("No notes on this board yet. Be the first!"),
});
const composer = new Composer(document.getElementById("composer"), store, {
  boardFilter: (board) => board.open_to_attendees,
  onSubmit: (payload) => {
    outbox.add(payload);
    announcer.say(t("Note saved on this phone and sending."));
  },
  onCount: (left) => announcer.charactersLeft(left),
  onBoardChange: (boardId) => showBoard(boardId),
});
const voting = new PhoneVoting({
  panel: document.getElementById("voting"),
  boardRoot: document.getElementById("board-notes"),
  live,
  store,
  onShowBoard: (boardId) => {
    if (composer.boards().some((board) => board.id === boardId)) {
      composer.boardId = boardId;
      composer.render();
    }
    showBoard(boardId);
  },
});

// The board on screen, its voting buttons, and how the composer's board behaves (open, checked, locked).
function showBoard(boardId) {
  boardView.show(boardId);
  voting.setBoard(boardId);
  showBoardMode(document.getElementById("composer"), document.getElementById("board-mode"), store.board(composer.boardId));
}
showBoard(composer.boardId);

const myNotes = document.getElementById("my-notes");
const renderMine = () => renderMyNotes(myNotes, outbox.items, store, { onRetry: (id) => outbox.retry(id) });
outbox.subscribe(renderMine);
guardUnsent(outbox);
keepPageForOffline();

store.subscribe((change) => {
  if (change.kind === "structure" || change.kind === "reset") {
    composer.render();
    showBoard(composer.boardId);
  } else if (change.kind === "note-added") {
    boardView.add(change.note);
    const mine = outbox.items.some((item) => item.client_id === change.note.client_id);
    const board = store.board(change.note.board_id);
    if (!mine && board && change.note.status === "visible") announcer.noteFromOthers(board.title);
  } else if (change.kind === "note-updated") {
    boardView.update(change.note);
  } else if (change.kind === "votes") {
    voting.roundChanged(change.round);
  }
  // An approval turns "Waiting for approval" into "Sent" in the sender's own list.
  if (change.kind.startsWith("note-") || change.kind === "reset") renderMine();
});
