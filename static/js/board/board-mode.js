// Tells the person at the composer how the chosen board behaves now: open, checked first, or closed.
const NOTICES = {
  premoderated: "Notes on this board are checked by a facilitator before they appear on the screen.",
  locked: "This board is closed for new notes.",
};

export function showBoardMode(form, notice, board, { role = "attendee" } = {}) {
  const mode = board?.mode ?? "open";
  // Moderators' own notes are never held back, so only phones hear about pre-moderation.
  const text = mode === "locked" || (mode === "premoderated" && role === "attendee") ? NOTICES[mode] : "";
  notice.textContent = text;
  notice.hidden = !text;
  notice.dataset.mode = mode;
  if (!board) return; // no board to post on: the composer has already disabled itself
  const locked = mode === "locked";
  form.querySelector("textarea").disabled = locked;
  form.querySelector("button[type=submit]").disabled = locked;
}
