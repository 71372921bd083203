// The site offline through its service worker: after one visit, with the
// server gone, the notebook page, another tutorial and the playground
// load, and a notebook runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage } from '../lib/harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch({ serviceWorkers: 'allow' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('after one visit the notebook and the playground work with the server gone', async () => {
  const page = await openPage(browser.context, `${server.url}notebook.html`);
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 60000 });
  const build = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('sockplay-')));
  assert.match(build, /^sockplay-[0-9a-f]{12}$/, 'the build is precached under its id');
  await server.stop();
  server = null;

  await page.goto(page.url().replace(/notebook\.html.*/, 'notebook.html?nb=close'));
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('.nb-title').innerText(), 'The four-way close and TIME-WAIT');
  await page.click('#nb-run-all');
  await page.waitForSelector('#time-wait[data-state="fresh"]');
  assert.match(await page.locator('#time-wait .nb-transcript').innerText(), /TIME-WAIT 0/);

  await page.goto(page.url().replace(/notebook\.html.*/, ''));
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('#server-input').count(), 1, 'the playground came from the cache');
  page.assertClean();
  await page.close();
});
