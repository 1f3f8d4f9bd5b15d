// Register the room's service worker where the browser allows one (a secure context: https, or
// 127.0.0.1/localhost). On plain http at a LAN address it does not, and the page relies on its outbox in
// localStorage plus the unsent-items warning instead (unsent-guard.js).
export async function keepPageForOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    document.documentElement.dataset.offlineShell = "unavailable";
    return;
  }
  try {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    const registration = await navigator.serviceWorker.ready;
    const keep = [
      location.href,
      ...performance.getEntriesByType("resource").map((entry) => entry.name),
      ...[...document.querySelectorAll("link[href], script[src], img[src]")].map((el) => el.href || el.src),
    ].filter((url) => url.startsWith(location.origin));
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data?.kept !== undefined) document.documentElement.dataset.offlineShell = "ready";
    });
    registration.active?.postMessage({ keep: [...new Set(keep)] });
  } catch {
    document.documentElement.dataset.offlineShell = "unavailable";
  }
}
