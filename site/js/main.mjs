// Boot: load the engine, start the playground, open a shared session if
// the URL carries one.

import { loadEngine } from './engine.mjs';
import { App } from './app.mjs';

const loading = document.getElementById('loading');

async function boot() {
  const engine = await loadEngine('sockplay.wasm', (err) => {
    loading.textContent = `The engine stopped (${err?.message ?? err}). Reload the page.`;
    loading.hidden = false;
  });
  const app = new App(engine);
  app.start();
  globalThis.sockplayApp = app; // for the console and the end-to-end tests
  loading.hidden = true;
  document.documentElement.dataset.ready = 'true';
  performance.mark('sockplay-ready'); // scripts/bench-web.sh reads this
  document.getElementById('server-input').focus();
  if (location.hash) await app.openShared();
  document.documentElement.dataset.shared = 'done';
}

boot().catch((err) => {
  loading.textContent = `sockplay could not start: ${err.message}`;
  loading.classList.add('failed');
});
