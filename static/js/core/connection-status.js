// The small connection indicator every page shows: text and shape, not colour alone.
const LABELS = {
  online: "Live",
  offline: "Offline – your notes are kept and sent when back",
  reconnecting: "Reconnecting…",
  refused: "This link no longer works",
};

export function showConnection(element, status, detail) {
  if (!element) return;
  element.dataset.status = status;
  element.textContent = detail && status === "refused" ? detail : LABELS[status] ?? status;
}
