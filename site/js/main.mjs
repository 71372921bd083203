// Boot: build the page at once so it is ready to type, load the engine
// once that first frame is on screen (lines typed meanwhile wait for it),
// then open a shared session if the URL carries one.

import { loadEngine } from './engine.mjs';
import { App } from './app.mjs';
import { registerServiceWorker } from './offline-site.mjs';

const status = document.getElementById('loading');
const app = new App();
app.start();
globalThis.sockplayApp = app; // for the browser console and the end-to-end tests
document.getElementById('server-input').focus();
performance.mark('sockplay-typeable'); // scripts/bench-web.sh reads these marks

// Compiling the wasm keeps every core busy for a moment; started after the
// first frame, it cannot hold back the consoles' first paint. (A page
// opened in a background tab gets no frames: the timeout starts it there.)
await new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
  setTimeout(painted, 250);
});

loadEngine('sockplay.wasm', (err) => {
  status.textContent = `The engine stopped (${err?.message ?? err}). Reload the page.`;
  status.classList.add('failed');
  status.hidden = false;
}).then(async (engine) => {
  app.attach(engine);
  status.hidden = true;
  performance.mark('sockplay-ready');
  // A share link opens its session; otherwise the one saved last time.
  // Lines typed while the engine loaded continue it.
  if (!(location.hash && await app.openShared())) await app.autosave.restore();
  app.runQueued();
  document.documentElement.dataset.ready = 'true';
  document.documentElement.dataset.shared = 'done';
  registerServiceWorker();
}).catch((err) => {
  status.textContent = `sockplay could not start: ${err.message}`;
  status.classList.add('failed');
});
