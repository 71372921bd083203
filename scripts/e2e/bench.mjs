// Load timings of the page in headless Chromium on localhost, first load
// and warm loads: when the console is ready to type (its first paint, the
// input has autofocus; lines typed then run once the engine is up), and
// when the engine is running.
import { startServer, launch } from './lib/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const BUDGET_MS = 300;
const MARKS = ['compiled', 'started', 'ready'];

const server = await startServer();
const browser = await launch();
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
    const m = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(`sockplay-${n}`)[0]?.startTime ?? NaN])), MARKS);
    // The consoles are in the HTML with autofocus: typing works from the
    // first paint; what is typed runs once the engine is up.
    m.typeable = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    m.focus = await page.evaluate(() => document.activeElement?.id);
    runs.push(m);
    await page.close();
    if (process.env.VERBOSE) console.log(`  typeable ${m.typeable.toFixed(0)} ms, wasm compiled ${m.compiled.toFixed(0)} ms, Go started ${m.started.toFixed(0)} ms, engine ready ${m.ready.toFixed(0)} ms`);
  }
  const median = (key) => {
    const xs = runs.slice(1).map((r) => r[key]).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)] ?? runs[0][key];
  };
  const verdict = (ms) => (ms <= BUDGET_MS ? 'ok' : 'OVER');
  console.log(`ready to type (focus in #${runs[0].focus}): first load ${runs[0].typeable.toFixed(0)} ms, warm median ${median('typeable').toFixed(0)} ms (budget ${BUDGET_MS} ms: ${verdict(Math.max(runs[0].typeable, median('typeable')))})`);
  console.log(`engine running (lines execute): first load ${runs[0].ready.toFixed(0)} ms, warm median ${median('ready').toFixed(0)} ms (${verdict(median('ready'))} against the same budget)`);
  console.log(`  warm median: wasm compiled ${median('compiled').toFixed(0)} ms, Go main started ${median('started').toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
