// The wire and the clock: drop a packet in flight and watch the
// retransmission; undo and time travel; auto-play.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, arrowLabels, screenshot, engineCall } from '../lib/harness.mjs';

const site = useSite();

async function listenAndConnect(page) {
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'bind(s, 0.0.0.0:80)');
  await type(page, 'server', 'listen(s, 5)');
  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(c, server:80)');
}

test('drop the SYN on the wire and see it retransmitted', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await listenAndConnect(page);
  const flight = page.locator('#ladder g.arrow.inflight').first();
  await flight.click();
  await page.waitForSelector('#flight-menu:not([hidden])');
  await screenshot(page, 'flight-menu');
  await page.getByRole('menuitem', { name: 'Drop it' }).click();
  let labels = await arrowLabels(page);
  assert.ok(labels.some((l) => /SYN seq 0 \[dropped\]/.test(l)), labels.join('\n'));
  assert.ok(await page.locator('#ladder g.arrow.dropped path.cross').count() >= 1, 'a dropped packet ends in a cross');

  await page.click('#btn-next'); // the retransmission timer fires
  labels = await arrowLabels(page);
  assert.ok(labels.some((l) => /SYN seq 0.*retransmission/.test(l)), `a retransmitted SYN: ${labels.join('\n')}`);
  await page.click('#btn-run');
  const state = await engineCall(page, 'state');
  assert.ok(state.hosts.find((h) => h.name === 'client').sockets.some((s) => s.state === 'ESTABLISHED'));
  await screenshot(page, 'retransmission');
  page.assertClean();
  await page.close();
});

test('a packet in flight is delivered from its menu, with the keyboard', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await listenAndConnect(page);
  await page.locator('#ladder g.arrow.inflight').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#flight-menu:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Deliver it now');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Drop it');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const labels = await arrowLabels(page);
  assert.match(labels[0], /SYN seq 0 \[delivered\]/);
  assert.match(labels[1], /SYN, ACK .*\[inflight\]/);
  assert.equal(await page.locator('#flight-menu').isHidden(), true);
  page.assertClean();
  await page.close();
});

test('undo, redo and the time-travel slider replay the session', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await listenAndConnect(page);
  await page.click('#btn-run');
  const full = await arrowLabels(page);
  assert.equal(await page.inputValue('#timeline'), '6');

  await page.click('#btn-undo'); // takes back "net> run"
  assert.equal(await page.inputValue('#timeline'), '5');
  assert.equal(await page.getAttribute('#timeline', 'max'), '6');
  assert.ok((await arrowLabels(page)).some((l) => /inflight/.test(l)), 'the SYN is back on the wire');
  assert.equal(await page.locator('.entry.undone').count(), 1);

  await page.click('#btn-redo');
  assert.deepEqual(await arrowLabels(page), full, 'redo gives the same diagram');

  // Drag the slider back to line 3: only the listening server remains.
  await page.locator('#timeline').fill('3');
  await page.locator('#timeline').dispatchEvent('change');
  await page.waitForFunction(() => document.documentElement.dataset.lines === '3');
  assert.deepEqual(await arrowLabels(page), []);
  assert.equal((await engineCall(page, 'history')).length, 3);
  await page.locator('#timeline').fill('6');
  await page.locator('#timeline').dispatchEvent('change');
  await page.waitForFunction(() => document.documentElement.dataset.lines === '6');
  assert.deepEqual(await arrowLabels(page), full, 'forward again, the same packets');

  // A new line after going back starts a new branch.
  await page.click('#btn-undo');
  await type(page, 'net', 'step');
  assert.equal(await page.getAttribute('#timeline', 'max'), '6');
  assert.equal(await page.locator('#btn-redo').isDisabled(), true);
  page.assertClean();
  await page.close();
});

test('auto-play delivers packets one by one until the wire is quiet', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.selectOption('#speed', '4');
  await listenAndConnect(page);
  await page.click('#btn-auto');
  await page.waitForFunction(() => document.getElementById('btn-auto').getAttribute('aria-pressed') === 'false', null, { timeout: 10000 });
  const labels = await arrowLabels(page);
  assert.equal(labels.filter((l) => /inflight/.test(l)).length, 0);
  assert.equal(labels.filter((l) => /delivered/.test(l)).length, 3, labels.join('\n'));
  page.assertClean();
  await page.close();
});

test('network settings and time controls are net> commands', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.fill('#net-latency', '50ms');
  await page.locator('#net-latency').press('Enter');
  await page.fill('#net-loss', '0%');
  await page.locator('#net-loss').press('Enter');
  const hist = await engineCall(page, 'history');
  assert.ok(hist.some((l) => /latency 50ms/.test(l)), hist.join('\n'));
  await page.fill('#wait-amount', '2s');
  await page.click('#btn-wait');
  assert.match(await page.locator('#clock').innerText(), /2\.000 s/);
  page.assertClean();
  await page.close();
});
