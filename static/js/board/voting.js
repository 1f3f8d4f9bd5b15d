// Dot voting on the phone: how many dots are left, tap a note to give it a dot, tap again to take it back.
// The server enforces the allowance; this module only shows what the server said.
import { EVENTS } from "../core/events.js";
import { isolate } from "../core/user-text.js";
import { nt, t } from "../core/i18n.js";

export class PhoneVoting {
  constructor({ panel, boardRoot, live, store, onShowBoard }) {
    this.panel = panel;
    this.boardRoot = boardRoot;
    this.live = live;
    this.store = store;
    this.rounds = new Map(); // round id -> {id, board_id, votes_per_attendee, status, mine, left}
    this.boardId = null;
    this.status = panel.querySelector("#voting-status");
    this.showBoard = panel.querySelector("#voting-show-board");
    this.showBoard.addEventListener("click", () => {
      const round = this.activeRound();
      if (round) onShowBoard(round.board_id);
    });
    boardRoot.addEventListener("click", (event) => {
      const button = event.target.closest("button.vote-toggle");
      if (button) this.toggle(Number(button.dataset.noteId), button);
    });
    // Board views redraw cards whenever notes change: give every new card its vote button.
    new MutationObserver(() => this.decorate()).observe(boardRoot, { childList: true, subtree: true });
  }

  async refresh() {
    const ack = await this.live.request(EVENTS.VOTE_STATUS, {});
    if (!ack.ok) return;
    this.rounds = new Map(ack.rounds.map((round) => [round.id, round]));
    this.render();
  }

  // A round summary from the broadcast: a new round starts with every dot unspent.
  roundChanged(summary) {
    const known = this.rounds.get(summary.id);
    if (summary.status !== "open") this.rounds.delete(summary.id);
    else if (!known) this.rounds.set(summary.id, { ...summary, mine: [], left: summary.votes_per_attendee });
    else Object.assign(known, { revealed: summary.revealed, votes_cast: summary.votes_cast });
    this.render();
  }

  setBoard(boardId) {
    this.boardId = boardId;
    this.render();
  }

  activeRound() {
    const rounds = [...this.rounds.values()];
    return rounds.find((round) => round.board_id === this.boardId) ?? rounds[0] ?? null;
  }

  roundOnShownBoard() {
    return [...this.rounds.values()].find((round) => round.board_id === this.boardId) ?? null;
  }

  render(message = "") {
    const round = this.activeRound();
    this.panel.hidden = !round;
    if (round) {
      const board = this.store.board(round.board_id);
      const counts = { left: round.left, board: board ? isolate(board.title) : "" };
      const sentence = board
        ? nt("Voting on {board}: {left} of {n} dot left.", "Voting on {board}: {left} of {n} dots left.", round.votes_per_attendee, counts)
        : nt("Voting: {left} of {n} dot left.", "Voting: {left} of {n} dots left.", round.votes_per_attendee, counts);
      this.status.textContent = message || sentence;
      this.status.dataset.left = String(round.left);
      this.showBoard.hidden = round.board_id === this.boardId;
    }
    this.decorate();
  }

  decorate() {
    const round = this.roundOnShownBoard();
    for (const card of this.boardRoot.querySelectorAll(".note[data-note-id]")) {
      let button = card.querySelector("button.vote-toggle");
      if (!round) {
        if (button) button.remove();
        continue;
      }
      const noteId = Number(card.dataset.noteId);
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "vote-toggle";
        button.dataset.noteId = String(noteId);
        card.append(button);
      }
      const voted = round.mine.includes(noteId);
      const label = voted ? t("● Your dot – tap to take it back") : t("Give a dot");
      if (button.textContent !== label) button.textContent = label;
      button.setAttribute("aria-pressed", String(voted));
      button.disabled = !voted && round.left <= 0;
      card.classList.toggle("has-my-vote", voted);
    }
  }

  async toggle(noteId, button) {
    const round = this.roundOnShownBoard();
    if (!round || button.dataset.busy) return;
    button.dataset.busy = "1";
    const event = round.mine.includes(noteId) ? EVENTS.VOTE_RETRACT : EVENTS.VOTE_CAST;
    const ack = await this.live.request(event, { round_id: round.id, note_id: noteId });
    delete button.dataset.busy;
    if (ack.ok) {
      Object.assign(round, { mine: ack.mine, left: ack.left });
      this.render();
    } else {
      this.render(ack.message);
      if (ack.code === "round_closed" || ack.code === "unknown_round") this.refresh();
    }
  }
}
