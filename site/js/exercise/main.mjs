// Boot of the Exercises page: the notebook engine, then either the list
// of exercises with each one's status (new, started, solved, at par), or
// the exercise named by ?ex= for the learner id kept on this device, or
// with ?author a teacher's session to draft an exercise from (author.mjs).
// After one visit it works offline (the service worker precaches the
// exercises with the site).

import { loadEngine } from '../engine.mjs';
import { h, $, replace } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { ExercisePage } from './page.mjs';
import { AuthorPage } from './author.mjs';
import { decodeShare } from '../share.mjs';
import { EXERCISES } from './list.mjs';
import { registerServiceWorker } from '../offline-site.mjs';
import { allProgress, loadSetting, saveSetting, statusOf, importProgress } from './store.mjs';
import { initialLang, setLang, currentLang, t, msg, tr } from '../i18n.mjs';

const status = $('#loading');
const root = $('#exercises');

function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

// The language (i18n.mjs): the link's ?lang=, the learner's choice, the
// browser's. An exercise opens in its translation (exercises/LANG/ID.md:
// the same id, goals, questions and solution, so the same grade) when
// there is one. Switching reloads the page; progress is kept.
const params = new URLSearchParams(location.search);
const firstLang = initialLang();
if (firstLang !== 'en') await setLang(firstLang).catch(() => {});
const langPick = $('#lang');
langPick.value = currentLang();
langPick.onchange = async () => {
  await setLang(langPick.value, { remember: true }).catch(() => {});
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.href = url.href;
};

const STATUS_TEXT = {
  new: msg('ui.ex.status.new', 'new'), started: msg('ui.ex.status.started', 'started'),
  solved: msg('ui.ex.status.solved', 'solved'), par: msg('ui.ex.status.par', 'solved at par'),
};

async function fetchExercise(id) {
  const get = async (path) => {
    const res = await fetch(path).catch(() => null);
    return res?.ok ? res.text() : null;
  };
  const lang = currentLang();
  return (lang !== 'en' && await get(`exercises/${lang}/${encodeURIComponent(id)}.md`)) || get(`exercises/${encodeURIComponent(id)}.md`);
}

async function showList(learner) {
  const progress = await allProgress().catch(() => []);
  const mine = new Map(progress.filter((p) => p.learner === learner).map((p) => [p.id, p]));
  const lang = params.has('lang') ? `&lang=${encodeURIComponent(params.get('lang'))}` : '';
  replace(root, h('h1', { class: 'nb-title', text: t('ui.ex.title', 'Exercises') }),
    h('p', { class: 'ex-note', text: t('ui.ex.intro', 'Make something happen on the network; the goals are checked after every line you type. Every learner id gets its own numbers.') }),
    EXERCISES.map(({ topic, items }) => h('section', { class: 'ex-topic' }, h('h2', { text: tr(topic) }),
      h('ol', { class: 'ex-list' }, items.map(([id, title]) => {
        const st = statusOf(mine.get(id));
        return h('li', { 'data-status': st, id: `ex-${id}` },
          h('a', { href: `?ex=${id}${fromLink ? `&learner=${encodeURIComponent(learner)}` : ''}${lang}`, text: tr(title) }), h('span', { class: `ex-status ex-${st}`, text: tr(STATUS_TEXT[st]) }));
      })))));
}

const learnerInput = $('#ex-learner');
const learner = params.get('learner') ?? (await loadSetting('learner').catch(() => undefined)) ?? '';
const fromLink = params.has('learner'); // a learner id from the link is carried on to the exercises
learnerInput.value = learner;
// A new learner id starts over with that learner's seed and progress.
async function switchLearner() {
  if (learnerInput.value.trim() === learner) return;
  await saveSetting('learner', learnerInput.value.trim());
  params.delete('learner');
  location.reload();
}
$('#ex-learner-form').onsubmit = (e) => { e.preventDefault(); switchLearner(); };
learnerInput.onchange = switchLearner;

$('#ex-export').onclick = async () => {
  download('sockplay-progress.json', `${JSON.stringify(await allProgress(), null, 2)}\n`, 'application/json');
};
$('#ex-import').onchange = async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    await importProgress(JSON.parse(await file.text()));
    location.reload();
  } catch (err) {
    fail(`${file.name}: ${err.message}`);
  }
};

const id = params.get('ex');
const engine = await loadEngine('sockplay-exercise.wasm', (err) => fail(t('ui.engine-stopped', 'The engine stopped ({message}). Reload the page.', { message: err?.message ?? err })))
  .catch((err) => fail(t('ui.engine-failed', 'sockplay could not start: {message}', { message: err.message })));
// ?author#z=… is a teacher's session to draft an exercise from.
async function showAuthor() {
  let shared = null;
  try {
    shared = await decodeShare(location.hash);
  } catch (err) {
    fail(err.message);
    return;
  }
  if (!shared) {
    fail(t('ui.ex.no-session', 'No session to make an exercise of: use Export > Save as an exercise in the playground.'));
    return;
  }
  const page = new AuthorPage(root, engine, shared, location.hash);
  globalThis.sockplayAuthor = page; // for the browser console and the end-to-end tests
  if (await page.open()) status.hidden = true;
}

if (engine) {
  if (params.has('author')) {
    await showAuthor();
  } else if (!id) {
    await showList(learner);
    status.hidden = true;
  } else {
    const text = await fetchExercise(id);
    if (text === null) fail(t('ui.ex.no-such', 'There is no exercise called {id}.', { id }));
    else {
      const page = new ExercisePage(root, engine);
      globalThis.sockplayExercise = page; // for the browser console and the end-to-end tests
      if (await page.open(text, learner)) status.hidden = true;
    }
  }
  document.documentElement.dataset.ready = 'true';
  registerServiceWorker(); // the exercises and the progress work offline after one visit
}
