// Load timings of the page in headless Chromium on localhost (make
// bench-web), measured, not pass/fail:
// - ready to type: the later of the first contentful paint and the moment
//   the consoles' key handlers are attached with the focus in a console
//   (mark sockplay-typeable); lines typed before the engine is up run once
//   it is;
// - engine running: the Go program has installed its API (sockplay-ready).
// Three kinds of load, each a median over several runs (the worst printed
// too):
// - first visit: the browser is running, its HTTP cache (and with it the
//   compiled-code caches) emptied before each load;
// - return visit: the same browser, caches kept;
// - fresh browser: a new profile and a browser that has only shown
//   about:blank, so the renderer process and the browser's own caches start
//   cold too. No page can avoid that part; it is printed, not judged.
// The notebook page is measured the same way on its largest tutorial,
// served and as the single file from file://, where ready to type means
// the document's cells are on the page to type in (drawn before the engine
// is up: notebook/preview.mjs), and so is the time to run every cell of it (Run all: the engine's runs and
// the page drawing every cell's transcript and ladder).
// Then the playground at scale (bench-scale.mjs): a session of PACKETS
// packets (100,000 unless told) and the issue 12 actions on it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, launch, ROOT, DIST } from './lib/harness.mjs';
import { benchScale } from './bench-scale.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const FRESH = Number(process.env.FRESH ?? 5);
const BUDGET_MS = 300;

async function measure(context, url, { emptyCache = false } = {}) {
  const page = await context.newPage();
  if (emptyCache) await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  const m = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const paint = at('first-contentful-paint');
    return {
      typeable: Math.max(paint, at('sockplay-typeable')),
      paint,
      compiled: at('sockplay-compiled'),
      ready: at('sockplay-ready'),
      focus: document.activeElement?.id ?? '',
      // bytes over the wire: about 1.1 MB with an empty cache; with a warm
      // one, headers only (Cache-Control: no-cache revalidates, 304)
      transferred: [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
        .reduce((n, r) => n + (r?.transferSize ?? 0), 0),
    };
  });
  await page.close();
  if (process.env.VERBOSE) {
    console.log(`  ready to type ${m.typeable.toFixed(0)} ms (first paint ${m.paint.toFixed(0)}), wasm compiled ${m.compiled.toFixed(0)} ms, engine running ${m.ready.toFixed(0)} ms; ${(m.transferred / 1024).toFixed(0)} KB transferred`);
  }
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const worst = (xs) => Math.max(...xs);
const verdict = (ms) => (ms <= BUDGET_MS ? 'ok' : 'OVER');

function report(label, runs, judged = true) {
  const typeable = runs.map((r) => r.typeable);
  const ready = runs.map((r) => r.ready);
  const budget = judged ? `budget ${BUDGET_MS} ms: ${verdict(median(typeable))}` : 'not judged: includes browser start-up';
  console.log(`${label} (${runs.length} runs): ready to type ${median(typeable).toFixed(0)} ms median, ${worst(typeable).toFixed(0)} ms worst (${budget}); engine running ${median(ready).toFixed(0)} ms median, ${worst(ready).toFixed(0)} ms worst`);
}

const server = await startServer();
try {
  const fresh = [];
  for (let i = 0; i < FRESH; i++) {
    const browser = await launch();
    try {
      fresh.push(await measure(browser.context, server.url));
    } finally {
      await browser.close();
    }
  }
  const first = [];
  const again = [];
  const browser = await launch();
  try {
    await measure(browser.context, server.url); // the browser's own first load, counted above
    for (let i = 0; i < RUNS; i++) first.push(await measure(browser.context, server.url, { emptyCache: true }));
    await measure(browser.context, server.url); // fills the caches again
    for (let i = 0; i < RUNS; i++) again.push(await measure(browser.context, server.url));
  } finally {
    await browser.close();
  }
  console.log(`focus after load: #${first[0].focus}`);
  report('first visit  ', first);
  report('return visit ', again);
  report('fresh browser', fresh, false);
  await benchNotebook(server);
  const scale = await launch();
  try {
    await benchScale(scale.context, server.url);
  } finally {
    await scale.close();
  }
} finally {
  await server.stop();
}

// largestTutorial is the bundled notebook with the most text.
function largestTutorial() {
  const dir = join(ROOT, 'site', 'notebooks');
  return readdirSync(dir).filter((f) => f.endsWith('.md'))
    .map((f) => ({ name: f.replace(/\.md$/, ''), size: statSync(join(dir, f)).size }))
    .sort((a, b) => b.size - a.size)[0].name;
}

async function benchNotebook(server) {
  const name = largestTutorial();
  const url = `${server.url}notebook.html?nb=${name}`;
  const first = [];
  const again = [];
  const runAll = [];
  const single = [];
  const browser = await launch();
  try {
    await measure(browser.context, url);
    for (let i = 0; i < RUNS; i++) first.push(await measure(browser.context, url, { emptyCache: true }));
    for (let i = 0; i < RUNS; i++) again.push(await measure(browser.context, url));
    for (let i = 0; i < RUNS; i++) single.push(await measure(browser.context, `${pathToFileURL(join(DIST, 'sockplay-notebook.html'))}?nb=${name}`));
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
    for (let i = 0; i < RUNS; i++) {
      runAll.push(await page.evaluate(() => {
        const nb = globalThis.sockplayNotebook;
        nb.engine.newSession(1); // the runner forgets what it ran: every cell runs again
        const t0 = performance.now();
        nb.runAll();
        return performance.now() - t0;
      }));
    }
    await page.close();
  } finally {
    await browser.close();
  }
  console.log(`notebook page, tutorial "${name}":`);
  report('first visit  ', first);
  report('return visit ', again);
  report('single file from file://', single);
  console.log(`run all (${runAll.length} runs): ${median(runAll).toFixed(0)} ms median, ${worst(runAll).toFixed(0)} ms worst`);
}
