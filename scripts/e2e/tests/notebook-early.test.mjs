// A learner on a slow machine: the notebook is on the page to read and
// type in before its engine has arrived (the engine is held back here
// until the test lets it through), a cell run meanwhile runs when the
// engine is up, and what was typed meanwhile is kept, across a reload too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, ROOT } from '../lib/harness.mjs';

const site = useSite();

// holdEngine keeps page's notebook engine from arriving until release().
async function holdEngine(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/sockplay-notebook.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

const notReady = (page) => page.evaluate(() => document.documentElement.dataset.ready === undefined);

test('the notebook can be read and typed in before the engine arrives', async () => {
  const page = await site.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const release = await holdEngine(page);
  await page.goto(`${site.server.url}notebook.html?nb=tcp-udp`);
  await page.waitForSelector('.nb-cell textarea', { timeout: 15000 });
  assert.ok(await notReady(page), 'the engine is still held back');
  assert.equal(await page.locator('.nb-title').innerText(), 'TCP against UDP');
  assert.match(await page.locator('.nb-prose').first().innerText(), /gives a program the network almost as it is/);
  const text = readFileSync(join(ROOT, 'site', 'notebooks', 'tcp-udp.md'), 'utf8');
  assert.equal(await page.locator('.nb-cell').count(), text.match(/^```sock/gm).length, 'every cell is there');
  assert.match(await page.locator('#udp textarea').inputValue(), /^server> u = socket\(AF_INET, SOCK_DGRAM\)/);
  assert.equal(await page.locator('#loading').isVisible(), true, 'it says the engine is loading');

  // The learner adds a line to the second cell and runs to it.
  const cell = page.locator('#udp-ss textarea');
  await cell.click();
  await cell.press('End');
  await cell.pressSequentially('\nclient> ss -uan');
  await cell.press('Shift+Enter');
  assert.equal(await page.locator('#udp-ss .nb-status').innerText(), 'runs when the engine is up');
  assert.ok(await notReady(page), 'nothing ran: there is no engine yet');

  release();
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('#udp-ss[data-state="fresh"]', { timeout: 60000 });
  assert.equal(await page.locator('#udp[data-state="fresh"]').count(), 1, 'the cells above ran first');
  assert.match(await page.locator('#udp-ss textarea').inputValue(), /\nclient> ss -uan$/, 'the line typed is still there');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.nb-cell')?.id), 'udp-ss', 'the caret stayed in the cell');
  assert.match(await page.locator('#udp-ss .nb-transcript').innerText(), /client>\s*ss -uan\n#\d+\nState/, 'its output is drawn');
  assert.match(await page.evaluate(() => globalThis.sockplayNotebook.engine.nbText()), /client> ss -uan\n```/, 'the engine has it');
  assert.equal(await page.locator('#nb-modified').isHidden(), false, 'says modified locally');
  assert.deepEqual(problems, []);
  await page.close();
});

test('what is typed before the engine arrives survives a reload', async () => {
  const page = await site.browser.context.newPage();
  await holdEngine(page);
  await page.goto(`${site.server.url}notebook.html?nb=close`);
  const cell = page.locator('#eof textarea');
  await cell.waitFor({ timeout: 15000 });
  await cell.fill('server> recv(a, 100)\nserver> recv(a, 100)');
  await page.waitForFunction(() => globalThis.sockplayPreview?.sources.size === 1);
  await page.evaluate(() => globalThis.sockplayPreview.saving);
  assert.ok(await notReady(page));

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  assert.equal(await page.locator('#eof textarea').inputValue(), 'server> recv(a, 100)\nserver> recv(a, 100)');
  assert.equal(await page.locator('#nb-modified').isHidden(), false);
  await page.click('#nb-revert');
  assert.equal(await page.locator('#eof textarea').inputValue(), 'server> recv(a, 100)');
  await page.close();
});
