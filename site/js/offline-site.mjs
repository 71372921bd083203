// The site works offline after one visit: its service worker (sw.js)
// precaches the build. Not from file:// (the single-file notebook needs
// none) nor where the browser has no service workers.

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !globalThis.isSecureContext || location.protocol === 'file:') return;
  navigator.serviceWorker.register('sw.js').catch(() => {}); // without it the site still works online
}
