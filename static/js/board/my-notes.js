// The sender's own notes with their delivery state: sending, sent, or failed with a retry button.
import { isolate, showUserText } from "../core/user-text.js";
import { N_, t } from "../core/i18n.js";
const STATE_LABELS = { sending: N_("Sending…"), sent: N_("Sent"), failed: N_("Not sent") };

export function renderMyNotes(list, items, store, { onRetry }) {
  list.replaceChildren();
  for (const item of [...items].reverse()) {
    const entry = document.createElement("li");
    entry.className = `my-note state-${item.state}`;
    entry.dataset.clientId = item.client_id;
    entry.dataset.state = item.state;

    const text = document.createElement("p");
    text.className = "note-text";
    showUserText(text, item.payload.text);

    const where = document.createElement("p");
    where.className = "note-where";
    const board = store.board(item.payload.board_id);
    const section = board?.sections.find((s) => s.id === item.payload.section_id);
    where.textContent = [board?.title, board && board.sections.length > 1 ? section?.name : null]
      .map((part) => (part ? isolate(part) : part))
      .filter(Boolean)
      .join(" · ");

    const status = document.createElement("p");
    status.className = "note-state";
    status.textContent = STATE_LABELS[item.state] ? t(STATE_LABELS[item.state]) : item.state;
    // On a pre-moderated board (or with a listed word) the note waits until a moderator approves it.
    const current = item.note ? store.notes.get(item.note.id) ?? item.note : null;
    if (item.state === "sent" && current?.status === "pending") {
      status.textContent = t("Waiting for approval");
      entry.dataset.state = "pending";
    } else if (item.state === "sent" && current?.status === "removed") {
      status.textContent = t("Not shown on the board (a facilitator held it back)");
      entry.dataset.state = "declined";
    }
    if (item.message && item.state !== "sent") status.textContent += ` – ${item.message}`;

    entry.append(text, where, status);
    if (item.state === "failed") {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "secondary";
      retry.textContent = t("Try again");
      retry.addEventListener("click", () => onRetry(item.client_id));
      entry.append(retry);
    }
    list.append(entry);
  }
  list.dataset.count = String(items.length);
}
