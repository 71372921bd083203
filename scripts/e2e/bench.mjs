// Load timings of the page in headless Chromium on localhost (make
// bench-web), measured, not pass/fail:
// - ready to type: the later of the first contentful paint and the moment
//   the consoles' key handlers are attached with the focus in a console
//   (mark sockplay-typeable); lines typed before the engine is up run once
//   it is;
// - engine running: the Go program has installed its API (sockplay-ready).
// First visits use a fresh profile each (empty HTTP and code caches) in a
// browser that has already shown about:blank, so browser start-up is not
// counted; return visits open the page again in the same browser. The
// verdict is on medians; the worst run is printed too.
import { startServer, launch } from './lib/harness.mjs';

const FIRST = Number(process.env.FIRST ?? 5);
const RETURN = Number(process.env.RETURN ?? 7);
const BUDGET_MS = 300;

async function measure(context, url) {
  const page = await context.newPage();
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
    };
  });
  await page.close();
  if (process.env.VERBOSE) {
    console.log(`  ready to type ${m.typeable.toFixed(0)} ms (first paint ${m.paint.toFixed(0)}), wasm compiled ${m.compiled.toFixed(0)} ms, engine running ${m.ready.toFixed(0)} ms`);
  }
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const worst = (xs) => Math.max(...xs);
const verdict = (ms) => (ms <= BUDGET_MS ? 'ok' : 'OVER');

function report(label, runs) {
  const typeable = runs.map((r) => r.typeable);
  const ready = runs.map((r) => r.ready);
  console.log(`${label} (${runs.length} runs): ready to type ${median(typeable).toFixed(0)} ms median, ${worst(typeable).toFixed(0)} ms worst (budget ${BUDGET_MS} ms: ${verdict(median(typeable))}); engine running ${median(ready).toFixed(0)} ms median, ${worst(ready).toFixed(0)} ms worst`);
}

const server = await startServer();
try {
  const first = [];
  for (let i = 0; i < FIRST; i++) {
    const browser = await launch();
    try {
      first.push(await measure(browser.context, server.url));
    } finally {
      await browser.close();
    }
  }
  const again = [];
  const browser = await launch();
  try {
    await measure(browser.context, server.url); // fills the caches
    for (let i = 0; i < RETURN; i++) again.push(await measure(browser.context, server.url));
  } finally {
    await browser.close();
  }
  console.log(`focus after load: #${first[0].focus}`);
  report('first visit ', first);
  report('return visit', again);
} finally {
  await server.stop();
}
