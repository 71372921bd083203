// The single-file notebook (make dist writes dist/sockplay-notebook.html)
// opened from file:// with the network blocked: every tutorial runs, an
// edit survives a reload, a document saves; nothing is fetched from
// anywhere but the file itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, screenshot, downloaded, DIST } from '../lib/harness.mjs';
import { NOTEBOOKS } from '../../../site/js/notebook/tutorials.mjs';

const FILE = join(DIST, 'sockplay-notebook.html');
let browser;
const requests = [];
before(async () => {
  if (!existsSync(FILE)) throw new Error(`${FILE} is not built: run make dist`);
  browser = await launch();
  await browser.context.route(/^(https?|wss?):/, (route) => route.abort()); // no network at all
  await browser.context.setOffline(true);
  browser.context.on('request', (r) => requests.push(r.url()));
});
after(async () => { await browser?.close(); });

// The engine is most of the file: its zopfli gzip twin (1.26 MB for 0.98 MB
// brotli) in base64. 2.4 MB leaves room for the engine up to its 1 MiB
// brotli budget and still catches anything inlined twice.
test('the file weighs under 2.4 MB and carries every tutorial and the format\'s reference', () => {
  const size = statSync(FILE).size;
  assert.ok(size < 2.4e6, `${size} bytes`);
  const html = readFileSync(FILE, 'utf8');
  for (const { name } of NOTEBOOKS) assert.ok(html.includes(`"${name}":`), name);
  assert.doesNotMatch(html, /<script[^>]* src=|<link rel="stylesheet"/, 'nothing is loaded from beside it');
});

test('from file:// offline: every tutorial runs, an edit autosaves, a document saves', async () => {
  const url = pathToFileURL(FILE).href;
  const page = await openPage(browser.context, url);
  for (const { name, title } of NOTEBOOKS) {
    await page.goto(`${url}?nb=${name}`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('.nb-title').innerText(), title.en);
    const cells = await page.locator('.nb-cell').count();
    await page.click('#nb-run-all');
    await page.waitForFunction(() => document.documentElement.dataset.ran);
    assert.equal(await page.locator('.nb-cell[data-state="fresh"]').count(), cells, `${name}: every cell ran`);
  }
  await screenshot(page, 'notebook-file');

  await page.goto(`${url}?nb=tcp-udp`);
  await page.waitForSelector('html[data-ready="true"]');

  await page.locator('#tcp textarea').fill('server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:8080)');
  await page.evaluate(() => globalThis.sockplayNotebook.saving);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.match(await page.locator('#tcp textarea').inputValue(), /8080/, 'the edit came back from IndexedDB');
  const saved = await save(page);
  assert.equal(saved.name, 'tcp-udp.md');
  assert.match(saved.text, /bind\(s, 0\.0\.0\.0:8080\)/);

  const elsewhere = requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(elsewhere, [], 'no request left the file');
  page.assertClean();
  await page.close();
});

// save clicks Save .md and returns the download's name and text.
async function save(page) {
  const { name, bytes } = await downloaded(page, '#nb-save');
  return { name, text: bytes.toString('utf8') };
}
