// The service worker: after one visit the site (playground, notebook,
// tutorials) works with the network off. make dist (scripts/precache)
// writes the build's id and its files below; a new build is a new id, so
// the browser installs it on the next visit, and the next load uses it.
// A page already open keeps running: it has what it loaded.
const BUILD = 'dev';
const PRECACHE = [];

const CACHE = `sockplay-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

// dropOldBuilds deletes the caches of earlier builds.
function dropOldBuilds() {
  return caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('sockplay-') && n !== CACHE).map((n) => caches.delete(n))));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldBuilds().then(() => self.clients.claim()));
});

// Every same-origin GET comes from the build's cache when it is there (a
// page's ?nb=… query does not matter), else from the network, kept for
// next time (the packetdrill engine, fetched only when needed). A worker
// whose build a newer one replaced (and whose cache it deleted) still
// answers the pages it controls until the newer one claims them: it
// fetches for them and does not make its cache again; and should it have
// (a request it took just before), the next page loaded drops it.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin || BUILD === 'dev') return;
  if (request.mode === 'navigate') event.waitUntil(dropOldBuilds());
  event.respondWith(caches.has(CACHE).then((kept) => (kept ? caches.open(CACHE) : null)).then(async (cache) => {
    if (!cache) return fetch(request);
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') cache.put(request, response.clone());
    return response;
  }));
});
