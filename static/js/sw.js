// The service worker of the room's pages (phone, tablet): with no network, a reload still shows the page
// as it was last loaded, with its outbox, instead of the browser's "no internet" page.
//
// Network first, cache as the fallback, for page shells and static files only: a fresh page always wins
// when the server answers (its state island is newer), and nothing that changes data is ever cached.
// Socket.IO, the JSON API, the organiser's pages and every non-GET request go straight to the network.
const CACHE = "fb-shell-v1";
const NEVER = [/^\/socket\.io\//, /^\/api\//, /^\/organiser\//, /^\/sw\.js$/];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

function cacheable(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  return !NEVER.some((pattern) => pattern.test(url.pathname));
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  if (cacheable(event.request)) event.respondWith(networkFirst(event.request));
});

// The page that registered the worker was loaded before the worker ran: it sends the URLs it used
// (its own address, its modules, styles and fonts) so that first visit is already kept.
self.addEventListener("message", (event) => {
  const urls = (event.data?.keep ?? []).filter((url) => {
    try {
      return cacheable(new Request(url));
    } catch {
      return false;
    }
  });
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        urls.map(async (url) => {
          if (await cache.match(url)) return;
          try {
            const response = await fetch(url, { credentials: "same-origin" });
            if (response.ok) await cache.put(url, response);
          } catch {
            // Offline already: the next visit fills it in.
          }
        }),
      );
      event.source?.postMessage({ kept: urls.length });
    })(),
  );
});
