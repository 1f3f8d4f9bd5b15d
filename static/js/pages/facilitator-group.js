// Entry point of the facilitator's tablet page: post for the group, see the group's notes.
import { keepPageForOffline } from "../board/offline.js";
import { Announcer } from "../board/announcer.js";
import { BoardView } from "../board/board-view.js";
import { Composer } from "../board/composer.js";
import { showConnection } from "../core/connection-status.js";
import { EVENTS } from "../core/events.js";
import { t } from "../core/i18n.js";
import { connectLive } from "../core/live.js";
import { ModerationPanel } from "../moderation/moderation.js";
import { renderMyNotes } from "../board/my-notes.js";
import { Outbox } from "../core/outbox.js";
import { readPageState } from "../core/page-state.js";
import { WorkshopStore } from "../core/store.js";
import { mountAttendance } from "../activities/tablet-attendance.js";
import { mountOfferCards } from "../directory/tablet-offers.js";
import { guardUnsent } from "../board/unsent-guard.js";

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
    if (value === "online") outbox.flush();
  },
});
mountAttendance(state, live);
const outbox = new Outbox(`fb-outbox:${state.workshop_id}:group-${state.group_id}`, (payload) =>
  live.request(EVENTS.NOTE_POST, payload),
);

const groupNotes = new BoardView(document.getElementById("group-notes"), store, {
  filter: (note) => note.group_id === state.group_id,
  emptyText: t("Nothing from your group here yet."),
});
const composer = new Composer(document.getElementById("composer"), store, {
  perspectiveOptional: false,
  onSubmit: (payload) => {
    outbox.add(payload);
    announcer.say(t("Note saved on this tablet and sending."));
  },
  onCount: (left) => announcer.charactersLeft(left),
  onBoardChange: (boardId) => {
    groupNotes.show(boardId);
    moderation.setBoard(boardId);
  },
});
groupNotes.show(composer.boardId);
mountOfferCards(state, store, live, () => composer.boardId);
const moderation = new ModerationPanel(document.getElementById("moderation"), store, live, {
  role: "facilitator",
  groupId: state.group_id,
});
moderation.setBoard(composer.boardId);

guardUnsent(outbox);
keepPageForOffline();
const pending = document.getElementById("outbox");
outbox.subscribe((items) => {
  const unsent = items.filter((item) => item.state !== "sent");
  renderMyNotes(pending, unsent, store, { onRetry: (id) => outbox.retry(id) });
  pending.closest("section").hidden = unsent.length === 0;
});

store.subscribe((change) => {
  if (change.kind === "structure" || change.kind === "reset") {
    composer.render();
    groupNotes.show(composer.boardId);
    moderation.setBoard(composer.boardId);
  } else if (change.kind === "note-added") {
    groupNotes.add(change.note);
    const board = store.board(change.note.board_id);
    const mine = outbox.items.some((item) => item.client_id === change.note.client_id);
    if (!mine && board && change.note.status === "visible") announcer.noteFromOthers(board.title);
  } else if (change.kind === "note-updated") {
    groupNotes.update(change.note);
  }
});

// The group's colour in the header, set through CSSOM because CSP forbids inline styles.
const groupName = document.querySelector("[data-group-colour]");
if (groupName) groupName.style.setProperty("--group-colour", groupName.dataset.groupColour);
