// Entry point of the organiser's moderation page: the queue and notes (shared panel), board modes, the word
// list, dot-voting rounds with their tallies, deleted notes to restore, and the audit log. The overview
// (what only the organiser sees) is asked for again whenever the workshop changes.
import { showConnection } from "../core/connection-status.js";
import { EVENTS } from "../core/events.js";
import { connectLive } from "../core/live.js";
import { ModerationPanel } from "../moderation/moderation.js";
import { language, nt, t } from "../core/i18n.js";
import { noteCard } from "../core/note-card.js";
import { readPageState } from "../core/page-state.js";
import { WorkshopStore } from "../core/store.js";
import { isolate, showUserText } from "../core/user-text.js";

const REFRESH_DELAY_MS = 250;
const state = readPageState();
const store = new WorkshopStore(state);
const live = connectLive({
  auth: { workshop_id: state.workshop_id },
  store,
  onStatus: (value, detail) => {
    showConnection(document.getElementById("connection"), value, detail);
    if (value === "online") refreshSoon();
  },
});

const panel = new ModerationPanel(document.getElementById("moderation"), store, live, { role: "organiser" });
const boardChoice = document.getElementById("mod-board");
boardChoice.addEventListener("change", () => panel.setBoard(Number(boardChoice.value)));
panel.setBoard(Number(boardChoice.value));

function say(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle("form-error", isError);
}

// --- the overview: rounds, deleted notes, audit log ----------------------------------------------------

let timer = null;
function refreshSoon() {
  clearTimeout(timer);
  timer = setTimeout(refresh, REFRESH_DELAY_MS);
}

async function refresh() {
  const ack = await live.request(EVENTS.MODERATION_OVERVIEW, {});
  if (ack.ok) renderOverview(ack);
}

function renderOverview(overview) {
  renderRounds(overview.rounds);
  renderRemoved(overview.removed);
  renderAudit(overview.audit);
}

// Isolated: it is always set inside a sentence of ours.
const boardTitle = (boardId) => isolate(store.board(boardId)?.title ?? t("a removed board"));

function renderRounds(rounds) {
  const list = document.getElementById("rounds");
  list.replaceChildren(
    ...rounds.map((round) => {
      const item = document.createElement("li");
      item.className = "round";
      item.dataset.roundId = String(round.id);
      item.dataset.status = round.status;
      const heading = document.createElement("h3");
      heading.textContent = round.status === "open" ? t("{board}: voting open", { board: boardTitle(round.board_id) }) : t("{board}: closed", { board: boardTitle(round.board_id) });
      const facts = document.createElement("p");
      facts.className = "round-facts";
      facts.textContent = [
        nt("{n} vote each", "{n} votes each", round.votes_per_attendee),
        nt("{n} cast", "{n} cast", round.votes_cast) + " " + nt("by {n} person", "by {n} people", round.voters),
        round.revealed ? t("tallies shown on every screen") : t("tallies hidden from the room"),
      ].join(" · ");
      const result = document.createElement("ol");
      result.className = "round-result";
      result.setAttribute("aria-label", t("Tallies, most votes first"));
      for (const row of round.result ?? []) {
        const entry = document.createElement("li");
        const votes = document.createElement("span");
        votes.className = "round-votes";
        votes.textContent = nt("{n} vote", "{n} votes", row.votes);
        entry.append(votes, " ", showUserText(document.createElement("span"), row.text));
        result.append(entry);
      }
      const actions = document.createElement("div");
      actions.className = "mod-actions";
      if (!round.revealed) actions.append(roundButton(t("Reveal tallies"), EVENTS.VOTE_REVEAL, round, t("Tallies are on every screen.")));
      if (round.status === "open") actions.append(roundButton(t("Close round"), EVENTS.VOTE_ROUND_CLOSE, round, t("Round closed; result kept.")));
      item.append(heading, facts, result, actions);
      return item;
    }),
  );
}

function roundButton(label, event, round, done) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = event === EVENTS.VOTE_REVEAL ? "primary" : "secondary";
  element.textContent = label;
  element.addEventListener("click", async () => {
    const ack = await live.request(event, { round_id: round.id });
    say(document.getElementById("voting-message"), ack.ok ? done : ack.message, !ack.ok);
    refreshSoon();
  });
  return element;
}

function renderRemoved(notes) {
  const list = document.getElementById("removed-notes");
  list.replaceChildren(
    ...notes.map((note) => {
      const item = document.createElement("li");
      item.className = "mod-note";
      item.dataset.noteId = String(note.id);
      item.dataset.status = note.status;
      const state = document.createElement("p");
      state.className = "mod-state";
      state.textContent = `${note.status === "merged" ? t("Merged into another note") : t("Deleted")} · ${boardTitle(note.board_id)}`;
      const restore = document.createElement("button");
      restore.type = "button";
      restore.className = "secondary";
      restore.textContent = t("Restore");
      restore.addEventListener("click", async () => {
        const ack = await live.request(EVENTS.NOTE_RESTORE, { note_id: note.id });
        panel.say(ack.ok ? t("Restored: it is back on the screens.") : ack.message, !ack.ok);
        refreshSoon();
      });
      item.append(noteCard(note, store, "div"), state, restore);
      return item;
    }),
  );
}

const describe = (snapshot) => {
  if (!snapshot) return "";
  if (snapshot.text !== undefined) return `${isolate(snapshot.text)} [${snapshot.status}${snapshot.pinned ? `, ${t("pinned")}` : ""}]`;
  return isolate(JSON.stringify(snapshot));
};

function renderAudit(entries) {
  const body = document.getElementById("audit-rows");
  body.replaceChildren(
    ...entries.map((entry) => {
      const row = document.createElement("tr");
      const when = new Date(entry.at).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
      const cells = [when, entry.actor, entry.note_id ? t("{action} (note {id})", { action: entry.action, id: entry.note_id }) : entry.action];
      for (const text of cells) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      for (const snapshot of [entry.before, entry.after]) {
        const cell = document.createElement("td");
        cell.className = "audit-state";
        cell.textContent = describe(snapshot);
        row.append(cell);
      }
      return row;
    }),
  );
}

// --- board modes, word list, opening a round -----------------------------------------------------------

for (const select of document.querySelectorAll("[data-board-mode]")) {
  select.addEventListener("change", async () => {
    const ack = await live.request(EVENTS.BOARD_MODE, { board_id: Number(select.dataset.boardMode), mode: select.value });
    panel.say(ack.ok ? t("Board mode saved; every screen follows.") : ack.message, !ack.ok);
  });
}

document.getElementById("wordlist-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const words = document.getElementById("wordlist").value.split("\n");
  const ack = await live.request(EVENTS.WORDLIST_SET, { words });
  const status = document.getElementById("wordlist-status");
  if (ack.ok) document.getElementById("wordlist").value = ack.words.join("\n");
  say(status, ack.ok ? nt("Saved {n} entry.", "Saved {n} entries.", ack.words.length) : ack.message, !ack.ok);
  refreshSoon();
});

document.getElementById("open-round").addEventListener("submit", async (event) => {
  event.preventDefault();
  const payload = {
    board_id: Number(document.getElementById("round-board").value),
    votes_per_attendee: Number(document.getElementById("round-votes").value),
  };
  const ack = await live.request(EVENTS.VOTE_ROUND_OPEN, payload);
  say(document.getElementById("voting-message"), ack.ok ? t("Voting is open on the phones.") : ack.message, !ack.ok);
  refreshSoon();
});

store.subscribe((change) => {
  if (change.kind === "structure" || change.kind === "reset") {
    for (const board of store.structure.boards) {
      const select = document.querySelector(`[data-board-mode="${board.id}"]`);
      if (select) select.value = board.mode;
    }
  }
  refreshSoon();
});

renderOverview(state.overview);
