// The small connection indicator every page shows: text and shape, not colour alone.
import { N_, t } from "./i18n.js";

const LABELS = {
  online: N_("Live"),
  offline: N_("Offline – your notes are kept and sent when back"),
  reconnecting: N_("Reconnecting…"),
  refused: N_("This link no longer works"),
};

// `say` translates: the page's t(), or the projector's rt() for a bilingual room.
export function showConnection(element, status, detail, say = t) {
  if (!element) return;
  element.dataset.status = status;
  element.textContent = detail && status === "refused" ? detail : LABELS[status] ? say(LABELS[status]) : status;
}
