// Boot of the notebook page: the notebook engine, then the document named
// by ?nb= (a bundled notebook, default "welcome"), its autosaved draft
// restored; the menu switches tutorials, Open reads a local .md, Save
// downloads it.

import { loadEngine } from '../engine.mjs';
import { h, $ } from '../dom.mjs';
import { NotebookPage } from './page.mjs';
import { TUTORIALS } from './tutorials.mjs';
import { isSingleFile, engineSource, shippedNotebook } from './offline.mjs';

const status = $('#loading');

function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

const name = new URLSearchParams(location.search).get('nb') ?? 'welcome';
const menu = $('#nb-tutorial');
menu.append(...TUTORIALS.map((t) => h('option', { value: t.name, text: t.title, selected: t.name === name })));
menu.onchange = () => { location.search = `?nb=${menu.value}`; };

if (isSingleFile()) { // no playground beside a lone file; it is the offline copy
  $('.nb-home').removeAttribute('href');
  $('#nb-offline').hidden = true;
}

const engine = await loadEngine(engineSource('sockplay-notebook.wasm'), (err) => fail(`The engine stopped (${err?.message ?? err}). Reload the page.`))
  .catch((err) => fail(`sockplay could not start: ${err.message}`));
if (engine) {
  const page = new NotebookPage($('#notebook'), engine);
  globalThis.sockplayNotebook = page; // for the browser console and the end-to-end tests
  $('#nb-run-all').onclick = () => page.runAll();
  $('#nb-save').onclick = () => page.save();
  $('#nb-revert').onclick = () => page.revert();
  $('#nb-open').onchange = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    e.target.value = '';
    await page.open(`file:${file.name}`, file.name, text);
    menu.value = '';
  };
  if (!TUTORIALS.some((t) => t.name === name)) {
    fail(`There is no bundled notebook called ${name}.`);
  } else {
    const text = await shippedNotebook(name);
    if (text === null) fail(`There is no bundled notebook called ${name}.`);
    else {
      await page.open(`bundled:${name}`, `${name}.md`, text);
      status.hidden = true;
      if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
    }
  }
  document.documentElement.dataset.ready = 'true';
}
