// Boot: build the page at once so it is ready to type, load the engine
// once that first frame is on screen (lines typed meanwhile wait for it),
// then open a shared session if the URL carries one.

import { loadEngine } from './engine.mjs';
import { App } from './app.mjs';
import { registerServiceWorker } from './offline-site.mjs';
import { initialLang, setLang, onLangChange, t } from './i18n.mjs';

const status = document.getElementById('loading');
const app = new App();
app.start();
globalThis.sockplayApp = app; // for the browser console and the end-to-end tests
document.getElementById('server-input').focus();
performance.mark('sockplay-typeable'); // scripts/bench-web.sh reads these marks

// The language: the page is English at first paint; another language's
// catalogue is fetched at once and the page relabelled when it arrives.
const langPick = document.getElementById('lang');
onLangChange((lang) => {
  langPick.value = lang;
  app.relabel();
});
langPick.addEventListener('change', () => {
  setLang(langPick.value, { remember: true }).catch((err) => app.toast(err.message));
});
const firstLang = initialLang();
const langReady = firstLang === 'en' ? Promise.resolve() : setLang(firstLang).catch(() => {});

// Compiling the wasm keeps every core busy for a moment; started after the
// first frame, it cannot hold back the consoles' first paint. (A page
// opened in a background tab gets no frames: the timeout starts it there.)
await new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
  setTimeout(painted, 250);
});

loadEngine('sockplay.wasm', (err) => {
  status.textContent = t('ui.engine-stopped', 'The engine stopped ({message}). Reload the page.', { message: err?.message ?? err });
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
  await langReady;
  document.documentElement.dataset.ready = 'true';
  document.documentElement.dataset.shared = 'done';
  registerServiceWorker();
}).catch((err) => {
  status.textContent = t('ui.engine-failed', 'sockplay could not start: {message}', { message: err.message });
  status.classList.add('failed');
});
