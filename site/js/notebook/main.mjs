// Boot of the notebook page: the notebook engine, then the document in
// the link (#md=…, a share link) or named by ?nb= (a bundled notebook,
// default "welcome"), its autosaved draft restored. The menu switches
// tutorials; Open (or a file dropped on the page) reads a local .md; Save
// downloads it, Save to file writes it back where the browser allows it.

import { loadEngine } from '../engine.mjs';
import { h, $ } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { NotebookPage } from './page.mjs';
import { TUTORIALS } from './tutorials.mjs';
import { isSingleFile, engineSource, shippedNotebook } from './offline.mjs';
import { encodeNotebookLink, decodeNotebookLink, textKey } from './sharelink.mjs';
import { readNotebookFile, canSaveInPlace, pickFile, writeInPlace } from './files.mjs';
import { registerServiceWorker } from '../offline-site.mjs';
import { encodeShare } from '../share.mjs';
import { cellOutputs } from './cell.mjs';
import { cellGraph } from '../analysis/notebook-graph.mjs';

cellOutputs.push(cellGraph); // a cell's fence may ask for a graph: graph=cwnd

const status = $('#loading');

function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

const name = new URLSearchParams(location.search).get('nb') ?? 'welcome';
const menu = $('#nb-tutorial');
menu.append(...TUTORIALS.map((t) => h('option', { value: t.name, text: t.title, selected: t.name === name })));
menu.onchange = () => { location.href = `${location.pathname}?nb=${menu.value}`; };

if (isSingleFile()) { // no playground beside a lone file; it is the offline copy
  $('.nb-home').removeAttribute('href');
  $('#nb-offline').hidden = true;
  $('#nb-export-exercise').hidden = true; // the Exercises page is not in the file
}

const engine = await loadEngine(engineSource('sockplay-notebook.wasm'), (err) => fail(`The engine stopped (${err?.message ?? err}). Reload the page.`))
  .catch((err) => fail(`sockplay could not start: ${err.message}`));
if (engine) {
  performance.mark('sockplay-ready'); // scripts/bench-web.sh reads these marks
  const page = new NotebookPage($('#notebook'), engine);
  globalThis.sockplayNotebook = page; // for the browser console and the end-to-end tests
  wire(page);
  const shared = await openLink(page);
  if (!shared) await openBundled(page);
  performance.mark('sockplay-typeable'); // the document's cells can be typed in
  document.documentElement.dataset.ready = 'true';
  registerServiceWorker();
}

// openLink opens the notebook in a share link; false when there is none
// (or it is damaged: then it says so, and nothing else changes).
async function openLink(page) {
  let text;
  try {
    text = await decodeNotebookLink(location.hash);
  } catch (err) {
    fail(`This link cannot be opened: ${err.message}.`);
    return false;
  }
  if (text === null) return false;
  const title = /^title:\s*["']?(.*?)["']?\s*$/m.exec(text)?.[1] ?? 'shared';
  const file = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'shared'}.md`;
  if (!(await page.open(`shared:${textKey(text)}`, file, text))) return true;
  menu.value = '';
  status.hidden = true;
  return true;
}

async function openBundled(page) {
  const text = TUTORIALS.some((t) => t.name === name) ? await shippedNotebook(name) : null;
  if (text === null) {
    fail(`There is no bundled notebook called ${name}.`);
    return;
  }
  await page.open(`bundled:${name}`, `${name}.md`, text);
  if (!status.classList.contains('failed')) status.hidden = true;
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

async function openFile(page, file, handle = null) {
  let text;
  try {
    text = await readNotebookFile(file);
  } catch (err) {
    page.toast(`Not opened: ${err.message}.`);
    return;
  }
  if (await page.open(`file:${file.name}`, file.name, text)) {
    page.handle = handle;
    $('#nb-save-in-place').hidden = !handle;
    menu.value = '';
    history.replaceState(null, '', location.pathname);
  }
}

function wire(page) {
  $('#nb-run-all').onclick = () => page.runAll();
  $('#nb-save').onclick = () => page.save();
  $('#nb-revert').onclick = () => page.revert();
  $('#nb-open').onchange = async (e) => {
    const file = e.target.files?.[0];
    if (file) await openFile(page, file);
    e.target.value = '';
  };
  if (canSaveInPlace()) {
    $('#nb-open-label').onclick = async (e) => {
      e.preventDefault();
      const picked = await pickFile().catch((err) => { page.toast(`Not opened: ${err.message}.`); return null; });
      if (picked) await openFile(page, picked.file, picked.handle);
    };
  }
  $('#nb-save-in-place').onclick = () => writeInPlace(page.handle, engine.nbText())
    .then(() => page.toast(`Saved ${page.name}.`), (err) => page.toast(`Not saved: ${err.message}. Save .md downloads it instead.`));
  document.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
  document.addEventListener('drop', async (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    await openFile(page, file);
  });
  window.addEventListener('hashchange', async () => {
    if (/^#md=/.test(location.hash)) await openLink(page);
  });

  const dialog = $('#nb-share-dialog');
  $('#nb-share').onclick = async () => {
    const url = new URL(location.href);
    url.search = '';
    url.hash = await encodeNotebookLink(engine.nbText());
    $('#nb-share-url').value = url.href;
    dialog.showModal();
    $('#nb-share-url').select();
  };
  $('#nb-share-close').onclick = () => dialog.close();
  $('#nb-share-copy').onclick = () => navigator.clipboard.writeText($('#nb-share-url').value)
    .then(() => { dialog.close(); page.toast('The link is copied.'); }, () => page.toast('Select the link and copy it.'));

  const stem = () => page.name.replace(/\.md$/, '');
  $('#nb-export-ipynb').onclick = () => page.exportRun(() => download(`${stem()}.ipynb`, page.ipynb(), 'application/x-ipynb+json'));
  $('#nb-export-html').onclick = () => page.exportRun(() => download(`${stem()}.html`, page.staticHTML(), 'text/html'));
  $('#nb-export-sock').onclick = () => page.exportRun((e) => download(`${stem()}.sock`, e.script(), 'text/plain'));
  $('#nb-export-pcap').onclick = () => page.exportRun((e) => download(`${stem()}.pcap`, e.pcap(), 'application/vnd.tcpdump.pcap'));
  $('#nb-export-exercise').onclick = () => page.exportRun((e) => encodeShare({ seed: e.state().seed, script: e.script() })
    .then((link) => window.open(`exercises.html?author#${link}`, '_blank')));
}
