// Typing in a notebook cell as in a console: Tab completes the cursor's
// line (one candidate inserted, several listed), `help` prints a call's
// page, and a refused line's caret sits under its column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

test('completion, help and error columns inside a cell', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
  const cell = page.locator('#connect textarea');
  await page.click('#nb-run-all');
  await page.waitForSelector('#talk[data-state="fresh"]');

  // One candidate: completed in place, on the line the cursor is on.
  await cell.fill('client> c = socket(AF_INET, SOCK_STREAM)\nclient> conn');
  await cell.press('End');
  await cell.press('Tab');
  assert.equal(await cell.inputValue(), 'client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'cell connect', 'Tab stayed in the cell');
  // Several: listed under the cell; a click inserts one. The names come
  // from the session the cells above made (the listen cell's s).
  await cell.type('c, server:80)\nserver> a = accept(');
  await cell.press('Tab');
  const listed = await page.locator('#connect .completions .candidate').allInnerTexts();
  assert.ok(listed.includes('s'), `the server's variables are offered: ${listed.join(' ')}`);
  await page.locator('#connect .completions .candidate', { hasText: /^s$/ }).click();
  assert.match(await cell.inputValue(), /server> a = accept\(s$/);
  assert.equal(await page.locator('#connect .completions').isHidden(), true);
  await cell.type(')');
  assert.equal(await page.locator('#talk').getAttribute('data-state'), 'stale', 'completing is editing: the cells below are stale');

  // Help, and a refused line with its caret under the column.
  await cell.fill('server> help listen\nserver> listen(s, 5x)');
  await page.click('#connect .nb-run');
  await page.waitForSelector('#connect[data-state="failed"]');
  const help = page.locator('#connect .nb-transcript .entry').first();
  assert.equal(await help.locator('.p').innerText(), 'server>', 'help typed for the server shows its prompt');
  assert.match(await help.innerText(), /listen\(fd, backlog\)/i);
  const failed = page.locator('#connect .entry.failed');
  assert.equal(await failed.locator('.p').innerText(), 'server>');
  assert.equal(await failed.locator('.stmt').innerText(), 'listen(s, 5x)');
  // Where the caret is drawn and where the 5x it points at is, on screen.
  const [caretX, xX] = await failed.evaluate((entry) => {
    const xOf = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
    const caretText = entry.querySelector('.caret').firstChild;
    const stmtText = entry.querySelector('.stmt').firstChild;
    return [xOf(caretText, caretText.data.indexOf('^')), xOf(stmtText, stmtText.data.indexOf('5x'))];
  });
  assert.ok(Math.abs(caretX - xX) < 2, `the caret (x=${caretX}) under 5x (x=${xX})`);
  assert.match(await failed.locator('.err').innerText(), /column 11: unknown unit/);
  await screenshot(page, 'notebook-cell-error');
  page.assertClean();
  await page.close();
});
