// The moderation panel shared by the facilitator's tablet and the organiser's moderation page: the queue
// (approve / reject) and every note the moderator may act on for the chosen board, with its actions.
// One editor area below the lists edits wording, moves or merges a note, so live updates to the lists never
// destroy what someone is typing. The server decides everything; this module shows its answers.
import { EVENTS } from "../core/events.js";
import { N_, t } from "../core/i18n.js";
import { noteCard } from "../core/note-card.js";
import { isolate, showUserText } from "../core/user-text.js";

const STATUS_LABELS = { pending: N_("Waiting for approval"), hidden: N_("Hidden from screens"), visible: N_("On the screens") };
const CONFIRM_MS = 5000;

function button(label, onClick, className = "secondary") {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

function labelled(labelText, control, id) {
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  return [label, control];
}

export class ModerationPanel {
  // scope: the organiser moderates every note; a facilitator their group's notes and notes with no group.
  constructor(root, store, live, { role, groupId = null }) {
    this.root = root;
    this.store = store;
    this.live = live;
    this.role = role;
    this.groupId = groupId;
    this.boardId = null;
    this.queue = root.querySelector("[data-list=queue]");
    this.boardList = root.querySelector("[data-list=board]");
    this.editor = root.querySelector("[data-editor]");
    this.message = root.querySelector("[data-message]");
    this.queueCount = root.querySelector("[data-count=queue]");
    store.subscribe(() => this.render());
  }

  inScope(note) {
    return this.role === "organiser" || note.group_id === null || note.group_id === this.groupId;
  }

  setBoard(boardId) {
    this.boardId = boardId;
    this.render();
  }

  notes(filter) {
    return [...this.store.notes.values()].filter((n) => this.inScope(n) && filter(n)).sort((a, b) => a.id - b.id);
  }

  render() {
    const waiting = this.notes((n) => n.status === "pending");
    this.queue.replaceChildren(...waiting.map((n) => this.item(n, { showBoard: true })));
    if (this.queueCount) this.queueCount.textContent = waiting.length ? `(${waiting.length})` : "";
    this.root.dataset.queueLength = String(waiting.length);
    const onBoard = this.notes((n) => n.board_id === this.boardId && (n.status === "visible" || n.status === "hidden"));
    this.boardList.replaceChildren(...onBoard.map((n) => this.item(n)));
  }

  where(note) {
    const board = this.store.board(note.board_id);
    const section = board?.sections.find((s) => s.id === note.section_id);
    return [board?.title, board && board.sections.length > 1 ? section?.name : null]
      .filter(Boolean)
      .map(isolate)
      .join(" · ");
  }

  item(note, { showBoard = false } = {}) {
    const entry = document.createElement("li");
    entry.className = "mod-note";
    entry.dataset.noteId = String(note.id);
    entry.dataset.status = note.status;
    const card = noteCard(note, this.store, "div");
    const state = document.createElement("p");
    state.className = "mod-state";
    state.textContent = [STATUS_LABELS[note.status] ? t(STATUS_LABELS[note.status]) : note.status, note.pinned ? t("Pinned") : null, showBoard ? this.where(note) : null]
      .filter(Boolean)
      .join(" · ");
    const actions = document.createElement("div");
    actions.className = "mod-actions";
    actions.setAttribute("role", "group");
    actions.setAttribute("aria-label", t("Actions for note: {text}", { text: note.text.slice(0, 40) }));
    for (const action of this.actionsFor(note)) actions.append(action);
    entry.append(card, state, actions);
    return entry;
  }

  actionsFor(note) {
    const send = (event, extra = {}, done = "") => this.send(event, { note_id: note.id, ...extra }, done);
    const list = [];
    if (note.status === "pending") {
      list.push(button(t("Approve"), () => send(EVENTS.NOTE_APPROVE, {}, t("Approved: it is on the screens now.")), "primary"));
      list.push(button(t("Reject"), () => send(EVENTS.NOTE_REJECT, {}, t("Rejected: kept off the screens."))));
    }
    if (note.status === "visible") list.push(button(t("Hide"), () => send(EVENTS.NOTE_HIDE, {}, t("Hidden from the screens."))));
    if (note.status === "hidden") list.push(button(t("Show again"), () => send(EVENTS.NOTE_UNHIDE, {}, t("Back on the screens."))));
    list.push(button(t("Edit"), () => this.openEditor(note)));
    if (note.status !== "pending") {
      list.push(
        button(note.pinned ? t("Unpin") : t("Pin"), () =>
          send(EVENTS.NOTE_PIN, { pinned: !note.pinned }, note.pinned ? t("Unpinned.") : t("Pinned.")),
        ),
      );
      list.push(button(t("Move"), () => this.openMove(note)));
      list.push(button(t("Merge"), () => this.openMerge(note)));
    }
    const remove = button(t("Delete"), () => {
      if (remove.dataset.confirm) {
        send(EVENTS.NOTE_DELETE, {}, t("Deleted. The organiser can restore it."));
        return;
      }
      remove.dataset.confirm = "1";
      remove.textContent = t("Confirm delete");
      setTimeout(() => {
        delete remove.dataset.confirm;
        remove.textContent = t("Delete");
      }, CONFIRM_MS);
    }, "danger");
    list.push(remove);
    return list;
  }

  async send(event, payload, done) {
    const ack = await this.live.request(event, payload);
    this.say(ack.ok ? done : ack.message, !ack.ok);
    return ack;
  }

  say(text, isError = false) {
    if (!this.message) return;
    this.message.textContent = text;
    this.message.classList.toggle("form-error", isError);
  }

  closeEditor() {
    this.editor.replaceChildren();
    this.editor.hidden = true;
  }

  openEditorFrame(title, note) {
    this.editor.replaceChildren();
    this.editor.hidden = false;
    this.editor.dataset.noteId = String(note.id);
    const heading = document.createElement("h3");
    heading.textContent = title;
    const original = document.createElement("p");
    original.className = "mod-original";
    showUserText(original, note.text);
    this.editor.append(heading, original);
    return this.editor;
  }

  openEditor(note) {
    const frame = this.openEditorFrame(t("Edit wording"), note);
    const text = document.createElement("textarea");
    text.rows = 3;
    text.maxLength = 500;
    text.value = note.text;
    let version = note.version;
    const conflict = document.createElement("div");
    conflict.className = "mod-conflict warning";
    conflict.setAttribute("role", "alert");
    conflict.hidden = true;
    const save = async () => {
      const ack = await this.send(EVENTS.NOTE_EDIT, { note_id: note.id, text: text.value, version }, t("Wording saved."));
      if (ack.ok) this.closeEditor();
      else if (ack.code === "version_conflict") showConflict(ack.current);
    };
    const showConflict = (current) => {
      version = current.version;
      const intro = document.createElement("p");
      intro.textContent = t("Someone else changed this note while you were editing. Their wording now:");
      const theirs = document.createElement("blockquote");
      theirs.className = "mod-theirs";
      showUserText(theirs, current.text);
      const keepTheirs = button(t("Keep their wording"), () => this.closeEditor());
      const useMine = button(t("Save my wording instead"), () => save(), "primary");
      conflict.replaceChildren(intro, theirs, keepTheirs, useMine);
      conflict.hidden = false;
    };
    const row = document.createElement("div");
    row.className = "mod-actions";
    row.append(button(t("Save wording"), save, "primary"), button(t("Cancel"), () => this.closeEditor()));
    frame.append(...labelled(t("New wording"), text, `mod-edit-${note.id}`), conflict, row);
    text.focus();
  }

  openMove(note) {
    const frame = this.openEditorFrame(t("Move to another section or board"), note);
    const boards = document.createElement("select");
    const sections = document.createElement("select");
    for (const board of this.store.structure.boards) boards.append(new Option(isolate(board.title), board.id, false, board.id === note.board_id));
    const fillSections = () => {
      const board = this.store.board(Number(boards.value));
      sections.replaceChildren(...(board?.sections ?? []).map((s) => new Option(isolate(s.name), s.id, false, s.id === note.section_id)));
    };
    boards.addEventListener("change", fillSections);
    fillSections();
    const move = async () => {
      const payload = { board_id: Number(boards.value), section_id: Number(sections.value) };
      const ack = await this.send(EVENTS.NOTE_MOVE, { note_id: note.id, ...payload }, t("Moved."));
      if (ack.ok) this.closeEditor();
    };
    const row = document.createElement("div");
    row.className = "mod-actions";
    row.append(button(t("Move note"), move, "primary"), button(t("Cancel"), () => this.closeEditor()));
    frame.append(...labelled(t("Board"), boards, `mod-move-board-${note.id}`), ...labelled(t("Section"), sections, `mod-move-section-${note.id}`), row);
  }

  openMerge(note) {
    const frame = this.openEditorFrame(t("Merge a duplicate into another note"), note);
    const targets = this.notes((n) => n.id !== note.id && n.board_id === note.board_id && ["visible", "hidden"].includes(n.status));
    const into = document.createElement("select");
    for (const target of targets) into.append(new Option(isolate(target.text.slice(0, 80)), target.id));
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = targets.length
      ? t("This note leaves the screens; its text is kept in the other note's history and its votes move across.")
      : t("There is no other note on this board to merge into.");
    const merge = async () => {
      const ack = await this.send(EVENTS.NOTE_MERGE, { note_id: note.id, into_id: Number(into.value) }, t("Merged."));
      if (ack.ok) this.closeEditor();
    };
    const row = document.createElement("div");
    row.className = "mod-actions";
    const go = button(t("Merge into the chosen note"), merge, "primary");
    go.disabled = targets.length === 0;
    row.append(go, button(t("Cancel"), () => this.closeEditor()));
    frame.append(...labelled(t("Keep this note"), into, `mod-merge-into-${note.id}`), hint, row);
  }
}
