// Never lose work (issue 11): the session autosaves on every line, a
// reload or a crash restores it, and a session that an example replaces
// stays reachable in the Recent menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, consoleEntries, arrowLabels, screenshot } from '../lib/harness.mjs';

const site = useSite();

const LINES = [
  ['server', 's = socket(AF_INET, SOCK_STREAM)'],
  ['server', 'bind(s, 0.0.0.0:80)'],
  ['server', 'listen(s, 5)'],
  ['client', 'c = socket(AF_INET, SOCK_STREAM)'],
  ['client', 'connect(c, server:80)'],
];

async function typeAll(page) {
  for (const [host, text] of LINES) await type(page, host, text);
  await page.click('#btn-step');
}

// saved waits until the autosave has written the page's current lines.
function saved(page) {
  return page.evaluate(() => globalThis.sockplayApp.autosave.queue);
}

test('a reload brings the session back, and so does a new tab after a crash', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page);
  const labels = await arrowLabels(page);
  await saved(page);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForFunction(() => document.documentElement.dataset.lines === '6');
  assert.deepEqual(await arrowLabels(page), labels, 'the same diagram');
  assert.match(await consoleEntries(page, 'client').last().innerText(), /connect\(c, server:80\)/);
  assert.match(await page.locator('#toast').innerText(), /Restored your session: 6 lines/);

  // A crash: the tab is gone without any unload handler running.
  await page.close({ runBeforeUnload: false });
  const again = await openPage(site.browser.context, site.server.url, { keepSaved: true });
  await again.waitForFunction(() => document.documentElement.dataset.lines === '6');
  assert.deepEqual(await arrowLabels(again), labels);
  again.assertClean();
  await again.close();
});

test('playing an example keeps the session it replaces in the Recent menu', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page);
  const labels = await arrowLabels(page);
  await page.click('#start-handshake');
  await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
  await page.waitForSelector('#playing[hidden]', { state: 'attached' });
  assert.notDeepEqual(await arrowLabels(page), labels, 'the example replaced it');
  await saved(page);
  await page.click('#recent-button');
  const item = page.locator('#recent-menu [role=menuitem]').first();
  assert.match(await item.innerText(), /s = socket\(AF_INET, SOCK_STREAM\)\n6 lines, seed 1, saved just now/);
  await screenshot(page, 'autosave-recent');
  await item.click();
  await page.waitForFunction(() => document.documentElement.dataset.lines === '6');
  assert.deepEqual(await arrowLabels(page), labels, 'it is back');
  await page.click('#recent-button');
  // The menu fills after the pending writes, so its earlier items show until then.
  await page.waitForFunction(() => /The three-way handshake/.test(document.querySelector('#recent-menu [role=menuitem]')?.innerText ?? ''),
    null, { timeout: 10000 }).catch(() => {});
  assert.match(await page.locator('#recent-menu [role=menuitem]').first().innerText(), /The three-way handshake/, 'and the example is kept in turn');
  page.assertClean();
  await page.close();
});

test('an undone line\'s "Redo brings it back" goes once Redo cannot', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page);
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  const undone = page.locator('.scrollback .entry.undone');
  assert.equal(await undone.count(), 2);
  await page.click('#btn-redo');
  assert.equal(await undone.count(), 1, 'one line redone, one still undone');
  await page.fill('#server-input', 'a = accept(s)');
  await page.press('#server-input', 'Enter');
  await page.waitForFunction(() => document.documentElement.dataset.lines === '6');
  assert.equal(await page.isDisabled('#btn-redo'), true);
  assert.equal(await undone.count(), 0, 'a new line forgets the undone one, and its promise');
  page.assertClean();
  await page.close();
});
