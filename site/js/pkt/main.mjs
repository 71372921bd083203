// The packetdrill page: a .pkt script runs against the engine
// (sockplay-pkt.wasm's pktRun) and the page steps through it line by line,
// drawing the ladder of what had happened by then; the first mismatch is
// marked on its line and on its segment.

import { loadEngine } from '../engine.mjs';
import { h, $, replace } from '../dom.mjs';
import { buildLadder } from '../ladder-model.mjs';
import { renderLadder } from '../ladder.mjs';
import { stepLines, eventsUpTo } from './steps.mjs';
import { initialLang, setLang, currentLang, t } from '../i18n.mjs';

const status = $('#loading');
function fail(message) {
  status.textContent = message;
  status.classList.add('failed');
  status.hidden = false;
}

// The language (i18n.mjs): the link's ?lang=, the learner's choice, the
// browser's; switching relabels the page and keeps the script shown.
const firstLang = initialLang();
if (firstLang !== 'en') await setLang(firstLang).catch(() => {});
const langPick = $('#lang');
langPick.value = currentLang();
langPick.onchange = async () => {
  await setLang(langPick.value, { remember: true }).catch(() => {});
  if (run) show(run.file, run.lines.join('\n'));
};

const engine = await loadEngine('sockplay-pkt.wasm', (err) => fail(t('ui.engine-stopped', 'The engine stopped ({message}). Reload the page.', { message: err?.message ?? err })))
  .catch((err) => fail(t('ui.engine-failed', 'sockplay could not start: {message}', { message: err.message })));

let run = null; // { report, lines, steps, at }

function show(file, source) {
  const report = engine.pktRun(file, source);
  const lines = source.split('\n');
  const steps = stepLines(lines, report);
  run = { file, report, lines, steps, at: steps.length - 1 };
  $('#pkt-intro').hidden = true;
  const verdict = $('#pkt-verdict');
  verdict.hidden = false;
  verdict.className = `pkt-verdict ${report.pass ? 'pass' : 'fail'}`;
  verdict.textContent = report.pass
    ? t('ui.pkt.pass', '{file}: pass — every line happened as the script says', { file })
    : `${report.error.file}:${report.error.line}: ${report.error.message}`;
  $('#pkt-steps').hidden = steps.length === 0;
  replace($('#pkt-script'), ...lines.map((text, i) => {
    const n = i + 1;
    const li = h('li', { 'data-line': n, text: text || ' ' });
    if (steps.includes(n)) {
      li.classList.add('step');
      li.onclick = () => go(steps.indexOf(n));
    }
    if (!report.pass && report.error.line === n) li.classList.add('failed');
    return li;
  }));
  draw();
}

function go(i) {
  if (!run) return;
  run.at = Math.min(Math.max(i, 0), run.steps.length - 1);
  draw();
}

function draw() {
  const { report, steps, at } = run;
  const line = steps[at] ?? 0;
  for (const li of $('#pkt-script').children) {
    const n = Number(li.dataset.line);
    li.classList.toggle('current', n === line);
    li.classList.toggle('done', n <= line);
    li.classList.toggle('ahead', n > line);
  }
  $('#pkt-script').querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
  $('#pkt-at').textContent = steps.length ? t('ui.pkt.at', 'line {line} ({n} of {total})', { line, n: at + 1, total: steps.length }) : '';
  const events = eventsUpTo(report.events, line);
  const width = Math.max($('#pkt-ladder').parentElement.clientWidth - 2, 360);
  const model = buildLadder(events, { now: events.at(-1)?.time ?? 0 }, { hosts: report.hosts, width });
  const mismatch = !report.pass && report.error.packet && line >= report.error.line
    ? model.arrows.find((a) => a.id === report.error.packet) : null;
  if (mismatch) mismatch.marks.push('mismatch');
  renderLadder($('#pkt-ladder'), model, { width, selected: mismatch?.id });
}

async function openText(file, source) {
  try {
    show(file, source);
  } catch (err) {
    fail(`${file}: ${err.message}`);
  }
}

if (engine) {
  status.hidden = true;
  $('#pkt-open').onchange = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    e.target.value = '';
    await openText(file.name, text);
  };
  $('#pkt-sample').onclick = async () => {
    const res = await fetch('pkt/handshake.pkt').catch(() => null);
    if (res?.ok) await openText('handshake.pkt', await res.text());
    else fail(t('ui.pkt.no-sample', 'the sample script is missing'));
  };
  $('#pkt-first').onclick = () => go(0);
  $('#pkt-prev').onclick = () => go(run.at - 1);
  $('#pkt-next').onclick = () => go(run.at + 1);
  $('#pkt-last').onclick = () => go(run.steps.length - 1);
  document.addEventListener('keydown', (e) => {
    if (!run || e.target.closest?.('input, textarea, select')) return;
    const to = { ArrowLeft: run.at - 1, ArrowRight: run.at + 1, Home: 0, End: run.steps.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    go(to);
  });
  addEventListener('resize', () => run && draw());
  globalThis.sockplayPkt = { open: openText }; // for the browser console and the end-to-end tests
  document.documentElement.dataset.ready = 'true';
}
