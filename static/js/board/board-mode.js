// Tells the person at the composer how the chosen board behaves now: open, checked first, or closed.
import { N_, t } from "../core/i18n.js";
const NOTICES = {
  premoderated: N_("Notes on this board are checked by a facilitator before they appear on the screen."),
  locked: N_("This board is closed for new notes."),
};

export function showBoardMode(form, notice, board, { role = "attendee" } = {}) {
  const mode = board?.mode ?? "open";
  // Moderators' own notes are never held back, so only phones hear about pre-moderation.
  const text = mode === "locked" || (mode === "premoderated" && role === "attendee") ? t(NOTICES[mode]) : "";
  notice.textContent = text;
  notice.hidden = !text;
  notice.dataset.mode = mode;
  if (!board) return; // no board to post on: the composer has already disabled itself
  const locked = mode === "locked";
  form.querySelector("textarea").disabled = locked;
  form.querySelector("button[type=submit]").disabled = locked;
}
