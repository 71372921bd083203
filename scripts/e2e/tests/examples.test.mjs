// Every example loads and plays without an error; the first-time visitor
// path (Start here) plays the handshake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, playExample, arrowLabels, screenshot, engineCall } from '../lib/harness.mjs';

const site = useSite();

test('Start here plays the three-way handshake', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await screenshot(page, 'first-visit');
  await page.selectOption('#speed', '4');
  await page.click('#start-handshake');
  await page.waitForSelector('#playing:not([hidden])');
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 20000 });
  const labels = await arrowLabels(page);
  assert.match(labels[0], /^#1 SYN seq 0/);
  assert.match(labels[1], /SYN, ACK seq 0 ack 1/);
  assert.match(labels[2], /ACK ack 1/);
  // The start strip speaks of the example while its story is on screen,
  // and goes back to the next step of the session when it is closed.
  assert.match(await page.locator('#hint').innerText(), /has played/);
  await screenshot(page, 'handshake');
  await page.click('#story-close');
  assert.match(await page.locator('#hint').innerText(), /Connected/);
  page.assertClean();
  await page.close();
});

test('every example loads, plays to its end and matches a direct load', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const examples = await engineCall(page, 'examples');
  assert.ok(examples.length >= 5, `examples: ${examples.length}`);
  await page.selectOption('#speed', '4');
  for (const ex of examples) {
    await playExample(page, ex.name); // finished at once with Skip
    const failed = await page.$$eval('.scrollback .entry.failed', (es) => es.map((e) => e.innerText));
    assert.deepEqual(failed, [], `${ex.name}: a line failed`);
    const lines = ex.script.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).length;
    const history = await engineCall(page, 'history');
    assert.equal(history.length, lines, `${ex.name}: every line ran`);
    // A crowd's clients' packets are summed up in the Many clients tab,
    // not drawn one by one: there the example shows its clients.
    const crowds = (await engineCall(page, 'state')).hosts.filter((h) => h.network);
    if (crowds.length) {
      await page.click('#tab-crowd', { timeout: 30000 });
      const view = await page.locator('#panel-crowd').innerText({ timeout: 30000 });
      for (const c of crowds) assert.match(view, new RegExp(`${c.name}: \\d+ clients from ${c.network.replaceAll('.', '\\.')}`), `${ex.name}: the Many clients tab sums up ${c.name}`);
      await page.click('#tab-inspector', { timeout: 30000 });
    } else {
      assert.ok((await arrowLabels(page)).length > 0, `${ex.name} draws packets`);
    }
    await screenshot(page, `example-${ex.name}`);
    // Played line by line, it is the same session as the script loaded at once.
    const played = await engineCall(page, 'tcpdump', '', false);
    await engineCall(page, 'newSession', '1');
    await engineCall(page, 'load', ex.script);
    assert.equal(await engineCall(page, 'tcpdump', '', false), played, `${ex.name}: playing = loading`);
  }
  page.assertClean();
  await page.close();
});
