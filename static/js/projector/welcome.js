// Before and between boards: how to join, big enough to scan and type from the back of the room.
import { rt, rtParts, showRoomParts } from "./room-language.js";
export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "welcome-view";
  const qr = document.createElement("img");
  qr.className = "welcome-qr";
  qr.src = ctx.qrUrl;
  qr.alt = rt("QR code to join on a phone");
  const text = document.createElement("div");
  text.className = "welcome-text";
  const lead = document.createElement("p");
  lead.className = "welcome-lead";
  showRoomParts(lead, rtParts("Join on your phone: scan the code, or go to"));
  const url = document.createElement("p");
  url.className = "welcome-url";
  url.textContent = ctx.joinUrl;
  url.dir = "ltr";
  const label = document.createElement("p");
  label.className = "welcome-lead";
  showRoomParts(label, rtParts("and type the code"));
  const code = document.createElement("p");
  code.className = "welcome-code";
  code.textContent = ctx.store.structure.workshop.join_code;
  text.append(lead, url, label, code);
  view.append(qr, text);
  root.replaceChildren(view);
  return {
    render() {
      code.textContent = ctx.store.structure.workshop.join_code;
      root.dataset.noteCount = "0";
      ctx.setPageCount(1);
    },
    noteAdded() {},
    noteChanged() {},
    showPage() {},
    destroy() {},
  };
}
