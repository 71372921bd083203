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

const status = $('#loading');
const root = $('#exercises');

function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

const STATUS_TEXT = { new: 'new', started: 'started', solved: 'solved', par: 'solved at par' };

async function fetchExercise(id) {
  const res = await fetch(`exercises/${encodeURIComponent(id)}.md`).catch(() => null);
  return res?.ok ? res.text() : null;
}

async function showList(learner) {
  const progress = await allProgress().catch(() => []);
  const mine = new Map(progress.filter((p) => p.learner === learner).map((p) => [p.id, p]));
  replace(root, h('h1', { class: 'nb-title', text: 'Exercises' }),
    h('p', { class: 'ex-note', text: 'Make something happen on the network; the goals are checked after every line you type. Every learner id gets its own numbers.' }),
    EXERCISES.map(({ topic, items }) => h('section', { class: 'ex-topic' }, h('h2', { text: topic }),
      h('ol', { class: 'ex-list' }, items.map(([id, title]) => {
        const st = statusOf(mine.get(id));
        return h('li', { 'data-status': st, id: `ex-${id}` },
          h('a', { href: `?ex=${id}${fromLink ? `&learner=${encodeURIComponent(learner)}` : ''}`, text: title }), h('span', { class: `ex-status ex-${st}`, text: STATUS_TEXT[st] }));
      })))));
}

const params = new URLSearchParams(location.search);
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
const engine = await loadEngine('sockplay-exercise.wasm', (err) => fail(`The engine stopped (${err?.message ?? err}). Reload the page.`))
  .catch((err) => fail(`sockplay could not start: ${err.message}`));
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
    fail('No session to make an exercise of: use Export > Save as an exercise in the playground.');
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
    if (text === null) fail(`There is no exercise called ${id}.`);
    else {
      const page = new ExercisePage(root, engine);
      globalThis.sockplayExercise = page; // for the browser console and the end-to-end tests
      if (await page.open(text, learner)) status.hidden = true;
    }
  }
  document.documentElement.dataset.ready = 'true';
  registerServiceWorker(); // the exercises and the progress work offline after one visit
}
