// Beside the stage: the moderation queue (approve or reject) and the dot-voting rounds (open, reveal, close).
import { EVENTS } from "../core/events.js";
import { nt, t } from "../core/i18n.js";
import { showUserText } from "../core/user-text.js";

function button(doc, label, className, onClick) {
  const element = doc.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

export class ModerationQueue {
  constructor(doc, store, act) {
    this.doc = doc;
    this.store = store;
    this.act = act;
    this.list = doc.getElementById("queue");
    this.count = doc.getElementById("queue-count");
  }

  render() {
    const waiting = [...this.store.notes.values()].filter((note) => note.status === "pending").sort((a, b) => a.id - b.id);
    this.count.textContent = waiting.length ? `(${waiting.length})` : "";
    this.list.replaceChildren(
      ...waiting.map((note) => {
        const li = this.doc.createElement("li");
        li.className = "console-note";
        li.dataset.noteId = String(note.id);
        const text = this.doc.createElement("p");
        text.className = "note-text";
        text.id = `queue-note-${note.id}`;
        showUserText(text, note.text);
        const where = this.doc.createElement("p");
        where.className = "note-where";
        showUserText(where, this.store.board(note.board_id)?.title ?? "");
        const actions = this.doc.createElement("div");
        actions.className = "note-actions";
        const approve = button(this.doc, t("Approve"), "secondary", () => this.act(EVENTS.NOTE_APPROVE, { note_id: note.id }, t("Approved")));
        const reject = button(this.doc, t("Reject"), "danger", () => this.act(EVENTS.NOTE_REJECT, { note_id: note.id }, t("Rejected")));
        for (const control of [approve, reject]) control.setAttribute("aria-describedby", text.id);
        actions.append(approve, reject);
        li.append(text, where, actions);
        return li;
      }),
    );
  }
}

export class VoteRounds {
  constructor(doc, store, act) {
    this.doc = doc;
    this.store = store;
    this.act = act;
    this.rounds = [];
    this.root = doc.getElementById("rounds");
    this.form = doc.getElementById("open-round");
    this.boardChoice = doc.getElementById("round-board");
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.open();
    });
  }

  setRounds(rounds) {
    this.rounds = rounds ?? [];
    this.render();
  }

  openRound() {
    return this.rounds.find((round) => round.status === "open") ?? null;
  }

  render() {
    const chosen = this.boardChoice.value;
    this.boardChoice.replaceChildren(
      ...this.store.structure.boards.map((board) => {
        const option = this.doc.createElement("option");
        option.value = String(board.id);
        showUserText(option, board.title);
        return option;
      }),
    );
    const solutions = this.store.structure.boards.find((board) => board.kind === "solutions");
    this.boardChoice.value = chosen || String(solutions?.id ?? this.store.structure.boards[0]?.id ?? "");
    const shown = this.rounds.filter((round) => round.status === "open").concat(this.rounds.filter((r) => r.status !== "open").slice(0, 1));
    if (!shown.length) {
      this.root.replaceChildren(Object.assign(this.doc.createElement("p"), { className: "hint", textContent: t("No round yet.") }));
      return;
    }
    this.root.replaceChildren(
      ...shown.map((round) => {
        const box = this.doc.createElement("div");
        box.className = `round round-${round.status}`;
        box.dataset.roundId = String(round.id);
        const line = this.doc.createElement("p");
        const board = this.store.board(round.board_id);
        const state = round.status === "open" ? (round.revealed ? t("open, results shown") : t("open")) : t("closed");
        const dots = nt("{n} dot", "{n} dots", round.votes_cast);
        const people = nt("from {n} person", "from {n} people", round.voters ?? 0);
        showUserText(line, t("{board}: {state}, {dots} {people}", { board: board?.title ?? t("A board"), state, dots, people }));
        box.append(line);
        if (round.status === "open") {
          if (!round.revealed) box.append(button(this.doc, t("Reveal the votes"), "primary", () => this.reveal(round)));
          box.append(button(this.doc, t("Close the round"), "secondary", () => this.act(EVENTS.VOTE_ROUND_CLOSE, { round_id: round.id }, t("Round closed"))));
        }
        return box;
      }),
    );
  }

  open() {
    const payload = { board_id: Number(this.boardChoice.value), votes_per_attendee: Number(this.doc.getElementById("round-dots").value) };
    return this.act(EVENTS.VOTE_ROUND_OPEN, payload, t("Round opened: phones can vote"));
  }

  // Revealing also puts the board on the projector, where the tallies appear.
  async reveal(round = this.openRound()) {
    if (!round) return false;
    const revealed = await this.act(EVENTS.VOTE_REVEAL, { round_id: round.id }, t("Votes revealed"));
    const board = this.store.board(round.board_id);
    if (revealed && board) await this.act(EVENTS.PROJECTOR_TARGET, { kind: "board", board_id: board.id }, t("Votes revealed on {board}", { board: board.title }));
    return revealed;
  }
}
