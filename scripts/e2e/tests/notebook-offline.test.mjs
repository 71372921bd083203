// The site offline through its service worker: after one visit, with the
// server gone, the notebook page, another tutorial and the playground
// load, and a notebook runs. A new build is installed while a notebook is
// open: the open notebook goes on running, the next load is the new build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, DIST } from '../lib/harness.mjs';

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

// activated waits until page is controlled by an active service worker.
function activated(page) {
  return page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 60000 });
}

test('after one visit the notebook and the playground work with the server gone', async () => {
  const page = await openPage(browser.context, `${server.url}notebook.html`);
  await activated(page);
  const build = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('sockplay-')));
  assert.match(build, /^sockplay-[0-9a-f]{12}$/, 'the build is precached under its id');
  await server.stop();
  server = null;

  await page.goto(page.url().replace(/notebook\.html.*/, 'notebook.html?nb=close'));
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  assert.equal(await page.locator('.nb-title').innerText(), 'The four-way close and TIME-WAIT');
  await page.click('#nb-run-all');
  await page.waitForSelector('#time-wait[data-state="fresh"]', { timeout: 60000 });
  assert.match(await page.locator('#time-wait .nb-transcript').innerText(), /TIME-WAIT 0/);

  await page.goto(page.url().replace(/notebook\.html.*/, ''));
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  assert.equal(await page.locator('#server-input').count(), 1, 'the playground came from the cache');
  page.assertClean();
  await page.close();
});
test('a new build is installed while a notebook is open: the notebook goes on, the next load is the new build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sockplay-build-'));
  cpSync(DIST, dir, { recursive: true });
  const site = await startServer({ dir });
  try {
    const page = await openPage(browser.context, `${site.url}notebook.html?nb=close`);
    await activated(page);
    const [first] = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('sockplay-')));
    assert.match(first, /^sockplay-[0-9a-f]{12}$/);

    // The next build, as make dist writes it when a file changed: the
    // tutorial's title, and sw.js with another id. The open page's worker
    // finds it on its update check and installs it.
    const md = join(dir, 'notebooks', 'close.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace(/^title: (.*)$/m, 'title: $1, rebuilt'));
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const next = first.endsWith('0') ? 'sockplay-111111111111' : 'sockplay-000000000000';
    writeFileSync(join(dir, 'sw.js'), sw.replace(/const BUILD = '[0-9a-f]{12}'/, `const BUILD = '${next.slice('sockplay-'.length)}'`));
    await page.evaluate(() => navigator.serviceWorker.addEventListener('controllerchange', () => {
      document.documentElement.dataset.e2eWorker = 'replaced';
    }, { once: true }));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('html[data-e2e-worker="replaced"]', { state: 'attached', timeout: 120000 });

    await page.click('#nb-run-all');
    await page.waitForSelector('#time-wait[data-state="fresh"]', { timeout: 60000 });
    assert.match(await page.locator('#time-wait .nb-transcript').innerText(), /TIME-WAIT 0/, 'the open notebook runs on');

    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
    assert.equal(await page.locator('.nb-title').innerText(), 'The four-way close and TIME-WAIT, rebuilt', 'the next load is the new build');
    await page.waitForFunction(async (id) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('sockplay-'));
      return keys.length === 1 && keys[0] === id;
    }, next, { timeout: 60000 }); // the earlier build's cache is dropped
    page.assertClean();
    await page.close();
  } finally {
    await site.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
