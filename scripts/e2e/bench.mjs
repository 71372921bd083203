// Time from navigation start to the page being ready to type (the
// "sockplay-ready" mark), first load and warm loads, in headless Chromium.
import { startServer, launch } from './lib/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const BUDGET_MS = 300;

const server = await startServer();
const browser = await launch();
try {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
    const ready = await page.evaluate(() => performance.getEntriesByName('sockplay-ready')[0].startTime);
    const focused = await page.evaluate(() => document.activeElement?.id);
    times.push(ready);
    await page.close();
    if (i === 0) console.log(`ready to type: first load ${ready.toFixed(0)} ms (focus in #${focused})`);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? times[0];
  console.log(`ready to type: median of ${warm.length} warm loads ${median.toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (budget ${BUDGET_MS} ms: ${Math.max(times[0], median) <= BUDGET_MS ? 'ok' : 'OVER'})`);
} finally {
  await browser.close();
  await server.stop();
}
