// Boot of the notebook page: the document in the link (#md=…, a share
// link) or named by ?nb= (a bundled notebook, default "welcome"), its
// autosaved draft restored, drawn while the notebook engine starts; then
// the engine opens it. The menu switches
// tutorials; Open (or a file dropped on the page) reads a local .md; Save
// downloads it, Save to file writes it back where the browser allows it.

import { loadEngine } from '../engine.mjs';
import { h, $ } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { NotebookPage } from './page.mjs';
import { TUTORIALS, REFERENCE, NOTEBOOKS } from './tutorials.mjs';
import { isSingleFile, engineSource, shippedNotebook } from './offline.mjs';
import { encodeNotebookLink, decodeNotebookLink, textKey } from './sharelink.mjs';
import { readNotebookFile, canSaveInPlace, pickFile, writeInPlace } from './files.mjs';
import { Preview } from './preview.mjs';
import { loadDraft, saveDraft, dropDraft } from './store.mjs';
import { registerServiceWorker } from '../offline-site.mjs';
import { encodeShare } from '../share.mjs';
import { cellOutputs } from './cell.mjs';
import { cellGraph } from '../analysis/notebook-graph.mjs';
import { initialLang, setLang, currentLang, matchLang, t, tr } from '../i18n.mjs';

cellOutputs.push(cellGraph); // a cell's fence may ask for a graph: graph=cwnd

const status = $('#loading');

function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

const params = new URLSearchParams(location.search);
const name = params.get('nb') ?? 'welcome';

// The language (i18n.mjs): the link's ?lang=, the learner's choice, the
// browser's; a shared notebook's front matter (lang: zh-CN) when the link
// names none. A bundled tutorial opens in its translation (notebooks/LANG/).
// Switching reopens the page in the new language; what was typed is
// autosaved, per language, and comes back with it.
const linked = await linkedDocument();
const wantedLang = params.get('lang') || !linked?.lang ? initialLang() : matchLang(linked.lang);
if (wantedLang !== 'en') await setLang(wantedLang).catch(() => {});
const langPick = $('#lang');
langPick.value = currentLang();
langPick.onchange = async () => {
  await setLang(langPick.value, { remember: true }).catch(() => {});
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.href = url.href;
};

const menu = $('#nb-tutorial');
const option = (nb) => h('option', { value: nb.name, text: tr(nb.title), selected: nb.name === name });
menu.append(h('optgroup', { label: t('ui.nb.tutorials', 'Tutorials') }, TUTORIALS.map(option)), h('optgroup', { label: t('ui.nb.reference', 'Reference') }, option(REFERENCE)));
menu.onchange = () => {
  const url = new URL(location.href);
  url.searchParams.set('nb', menu.value);
  url.hash = '';
  location.href = url.href;
};

if (isSingleFile()) { // no playground beside a lone file; it is the offline copy
  $('.nb-home').removeAttribute('href');
  $('#nb-offline').hidden = true;
  $('#nb-export-exercise').hidden = true; // the Exercises page is not in the file
}

// The document is drawn first (preview.mjs), to read and type in, while
// the engine's bytes arrive; it is compiled after, because compiling holds
// the page back. What is run meanwhile runs when the engine is up.
const source = engineSource('sockplay-notebook.wasm');
const bytes = typeof source === 'string' ? fetch(source) : null;
bytes?.catch(() => {}); // a failure is told when the engine starts
const opening = linked ?? (await bundledDocument());
const preview = opening && showPreview(opening);
globalThis.sockplayPreview = preview; // for the end-to-end tests
performance.mark('sockplay-typeable'); // scripts/bench-web.sh reads these marks: the document's cells can be typed in
$('#nb-run-all').onclick = () => { if (preview) preview.wanted = 'all'; };
const starting = loadEngine(bytes ? () => bytes.then((r) => r.clone()) : source, (err) => fail(t('ui.engine-stopped', 'The engine stopped ({message}). Reload the page.', { message: err?.message ?? err })))
  .catch((err) => fail(t('ui.engine-failed', 'sockplay could not start: {message}', { message: err.message })));
const engine = await starting;
if (engine) {
  performance.mark('sockplay-ready');
  const page = new NotebookPage($('#notebook'), engine);
  globalThis.sockplayNotebook = page; // for the browser console and the end-to-end tests
  wire(page);
  if (opening) {
    await preview.saving;
    preview.leave();
    if (await page.open(opening.key, opening.file, opening.text)) {
      const typing = preview.focus() !== null;
      page.adopt(preview);
      if (opening.shared) menu.value = '';
      else if (location.hash && !typing) document.getElementById(location.hash.slice(1))?.scrollIntoView();
      if (!status.classList.contains('failed')) status.hidden = true;
    }
  }
  document.documentElement.dataset.ready = 'true';
  registerServiceWorker();
}

// linkedDocument is the notebook in a share link as {key, file, text,
// shared, draft}; null when there is none, or when it is damaged (then it says
// so, and nothing else changes).
async function linkedDocument() {
  let text;
  try {
    text = await decodeNotebookLink(location.hash);
  } catch (err) {
    fail(t('ui.nb.link-damaged', 'This link cannot be opened: {message}.', { message: err.message }));
    return null;
  }
  if (text === null) return null;
  const title = /^title:\s*["']?(.*?)["']?\s*$/m.exec(text)?.[1] ?? 'shared';
  const file = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'shared'}.md`;
  const key = `shared:${textKey(text)}`;
  const lang = /^lang:\s*["']?([\w-]+)/m.exec(text)?.[1] ?? '';
  return { key, file, text, shared: true, lang, draft: await loadDraft(key).catch(() => undefined) };
}

// bundledDocument is the bundled notebook of ?nb=, in the page's
// language when it is translated, or null.
async function bundledDocument() {
  const lang = currentLang();
  const key = lang === 'en' ? `bundled:${name}` : `bundled:${lang}:${name}`;
  const known = NOTEBOOKS.some((nb) => nb.name === name);
  const [translated, draft] = await Promise.all([ // the draft is read while the text arrives
    known && lang !== 'en' ? shippedNotebook(`${lang}/${name}`) : null,
    loadDraft(key).catch(() => undefined)]);
  const text = translated ?? (known ? await shippedNotebook(name) : null);
  if (text === null) {
    fail(t('ui.nb.no-such', 'There is no bundled notebook called {name}.', { name }));
    return null;
  }
  return { key, file: `${name}.md`, text, shared: false, draft };
}

// showPreview draws the document the page will open (its autosaved draft
// when there is one), to read and type in before the engine is up.
// Typing autosaves as on the page, except while a draft made from an
// older version of the document waits for the learner's choice.
function showPreview({ key, file, text, draft }) {
  const choice = !!draft && draft.text !== text && draft.base !== text;
  const shown = !choice && draft ? draft.text : text;
  const modified = (t) => { $('#nb-modified').hidden = t === text; };
  const preview = new Preview($('#notebook'), shown, {
    readOnly: choice,
    save: (t) => { modified(t); return t === text ? dropDraft(key) : saveDraft(key, t, text); },
  });
  modified(shown);
  document.title = t('ui.nb.doc-title', '{title} — sockplay notebook', { title: preview.doc.title || file });
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  return preview;
}

async function openFile(page, file, handle = null) {
  let text;
  try {
    text = await readNotebookFile(file);
  } catch (err) {
    page.toast(t('ui.nb.not-opened', 'Not opened: {message}.', { message: err.message }));
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
  $('#nb-compare').onclick = () => page.compare();
  $('#nb-compare-close').onclick = () => $('#nb-compare-dialog').close();
  $('#nb-open').onchange = async (e) => {
    const file = e.target.files?.[0];
    if (file) await openFile(page, file);
    e.target.value = '';
  };
  if (canSaveInPlace()) {
    $('#nb-open-label').onclick = async (e) => {
      e.preventDefault();
      const picked = await pickFile().catch((err) => { page.toast(t('ui.nb.not-opened', 'Not opened: {message}.', { message: err.message })); return null; });
      if (picked) await openFile(page, picked.file, picked.handle);
    };
  }
  $('#nb-save-in-place').onclick = () => writeInPlace(page.handle, engine.nbText())
    .then(() => page.toast(t('ui.nb.saved', 'Saved {name}.', { name: page.name })),
      (err) => page.toast(t('ui.nb.not-saved', 'Not saved: {message}. Save .md downloads it instead.', { message: err.message })));
  document.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
  document.addEventListener('drop', async (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    await openFile(page, file);
  });
  window.addEventListener('hashchange', async () => {
    const linked = /^#md=/.test(location.hash) && await linkedDocument();
    if (linked && await page.open(linked.key, linked.file, linked.text)) {
      menu.value = '';
      status.hidden = true;
    }
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
    .then(() => { dialog.close(); page.toast(t('ui.nb.link-copied', 'The link is copied.')); }, () => page.toast(t('ui.nb.copy-yourself', 'Select the link and copy it.')));

  const stem = () => page.name.replace(/\.md$/, '');
  $('#nb-export-ipynb').onclick = () => page.exportRun(() => download(`${stem()}.ipynb`, page.ipynb(), 'application/x-ipynb+json'));
  $('#nb-export-html').onclick = () => page.exportRun(() => download(`${stem()}.html`, page.staticHTML(), 'text/html'));
  $('#nb-export-sock').onclick = () => page.exportRun((e) => download(`${stem()}.sock`, e.script(), 'text/plain'));
  $('#nb-export-pcap').onclick = () => page.exportRun((e) => download(`${stem()}.pcap`, e.pcap(), 'application/vnd.tcpdump.pcap'));
  $('#nb-export-exercise').onclick = () => page.exportRun((e) => encodeShare({ seed: e.state().seed, script: e.script() })
    .then((link) => window.open(`exercises.html?author#${link}`, '_blank')));
}
