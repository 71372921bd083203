// The help knows the ideas, not only the calls (issue 11): `help
// TIME-WAIT`, `help seq` and the other concept pages answer in a console,
// the Help dialog lists them and its topics are links; an example tells
// each step as it plays it, a comment of several lines whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, lastEntry, playExample } from '../lib/harness.mjs';

const site = useSite();

test('help TIME-WAIT, help seq and help delayed-ack are pages about the idea', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await type(page, 'client', 'help TIME-WAIT');
  const timeWait = await lastEntry(page, 'client');
  assert.match(timeWait, /TIME-WAIT — why the side that closes first waits/);
  assert.match(timeWait, /RFC 9293 3\.6/);
  await type(page, 'client', 'help seq');
  assert.match(await lastEntry(page, 'client'), /absolute seq/, 'the seq page points at the absolute seq switch');
  await type(page, 'client', 'help delayed-ack');
  assert.match(await lastEntry(page, 'client'), /^nagle — Nagle's algorithm and delayed ACKs/m);
  page.assertClean();
  await page.close();
});

test('the Help dialog lists the ideas, and its topics are links; All topics goes back', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.click('#help-button');
  const text = page.locator('#help-text');
  await text.getByRole('button', { name: 'TIME-WAIT', exact: true }).waitFor({ timeout: 15000 });
  assert.match(await text.innerText(), /Ideas, each explained/);
  assert.equal(await page.isVisible('#help-back'), false, 'the index has no way back');
  await text.getByRole('button', { name: 'handshake', exact: true }).click();
  await page.waitForFunction(() => /the three-way handshake: SYN, SYN-ACK, ACK/.test(document.querySelector('#help-text').textContent), null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'help-text', 'the keyboard is on the page it opened');
  await text.getByRole('button', { name: 'seq', exact: true }).click(); // its `help seq`
  await page.waitForFunction(() => /^seq — /.test(document.querySelector('#help-text').textContent), null, { timeout: 15000 });
  await page.click('#help-back');
  await page.waitForFunction(() => /Ideas, each explained/.test(document.querySelector('#help-text').textContent), null, { timeout: 15000 });
  await text.getByRole('button', { name: 'connect', exact: true }).click();
  await page.waitForFunction(() => /^connect\(fd, addr\)/.test(document.querySelector('#help-text').textContent), null, { timeout: 15000 });
  page.assertClean();
  await page.close();
});

test('the handshake example tells each step, a comment of two lines as one', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '01-handshake');
  const told = await page.$$eval('#net-console .entry.narration', (es) => es.map((e) => e.textContent));
  assert.ok(told.includes('The SYN-ACK arrives: the client is ESTABLISHED, connect() returns 0, and the client sends the last ACK.'), told.join('\n'));
  assert.ok(told.length >= 6, `the example and its steps: ${told.length}`);
  page.assertClean();
  await page.close();
});
