// Entry point of the projector: the chosen board, live, with the join code and agenda.
import { BoardView } from "./board-view.js";
import { showConnection } from "./connection-status.js";
import { connectLive } from "./live.js";
import { readPageState } from "./page-state.js";
import { WorkshopStore } from "./store.js";

const state = readPageState();
const store = new WorkshopStore(state);
const status = document.getElementById("connection");
connectLive({ auth: { token: state.token }, store, onStatus: (value, detail) => showConnection(status, value, detail) });

const title = document.getElementById("workshop-title");
const boardTitle = document.getElementById("board-title");
const prompt = document.getElementById("board-prompt");
const boardView = new BoardView(document.getElementById("board"), store, { emptyText: "" });
const agendaNow = document.getElementById("agenda-now");
const agendaNext = document.getElementById("agenda-next");

function showBoard() {
  const { workshop } = store.structure;
  title.textContent = workshop.title;
  const board = store.board(workshop.projector_board_id);
  boardTitle.textContent = board ? board.title : "Welcome";
  prompt.textContent = board ? board.prompt : "Join on your phone with the code below.";
  boardView.show(board ? board.id : null);
  document.body.dataset.kind = board ? board.kind : "welcome";
}

// The agenda's "now" and "next" follow the wall clock against the timetable's HH:MM starts.
function showAgenda() {
  const items = store.structure.agenda;
  const now = new Date();
  const minutes = now.getHours() * 60 + now.getMinutes();
  const start = (item) => Number(item.starts_at.slice(0, 2)) * 60 + Number(item.starts_at.slice(3));
  let current = -1;
  items.forEach((item, index) => {
    if (start(item) <= minutes) current = index;
  });
  const describe = (item) => (item ? `${item.starts_at} ${item.title}` : "");
  agendaNow.textContent = describe(items[current]) || "Not started";
  agendaNext.textContent = describe(items[current + 1]) || "—";
}

showBoard();
showAgenda();
setInterval(showAgenda, 30000);

store.subscribe((change) => {
  if (change.kind === "note-added") boardView.add(change.note);
  else if (change.kind === "note-updated") boardView.update(change.note);
  else {
    showBoard();
    showAgenda();
  }
});
