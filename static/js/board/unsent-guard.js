// Leaving or reloading with notes still in the outbox: the browser asks first. The outbox survives in
// localStorage either way and a reload resends it, but on plain http at a LAN address there is no
// service worker, so a reload with no network would land on the browser's "no internet" page.
export function guardUnsent(outbox) {
  let unsent = 0;
  outbox.subscribe((items) => {
    unsent = items.filter((item) => item.state === "sending").length;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsent === 0) return;
    event.preventDefault();
    event.returnValue = ""; // Chromium still wants it set to show the prompt
  });
}
