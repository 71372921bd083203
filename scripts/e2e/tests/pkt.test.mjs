// Someone with a Linux TCP test: the packetdrill page runs a .pkt against
// the engine, steps through it in the ladder and marks a mismatch on its
// line and on its segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, openPage, screenshot, ROOT } from '../lib/harness.mjs';

const site = useSite();

const sample = readFileSync(join(ROOT, 'core/pkt/testdata/handshake.pkt'), 'utf8');

test('the sample passes and steps line by line', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}pkt.html`);
  await page.click('#pkt-sample');
  await page.waitForSelector('#pkt-verdict.pass');
  assert.match(await page.locator('#pkt-verdict').innerText(), /handshake\.pkt: pass/);
  const all = await page.locator('#pkt-ladder g.arrow').count();
  assert.ok(all >= 8, `every packet of the run: ${all}`);
  await page.click('#pkt-first');
  assert.match(await page.locator('#pkt-at').innerText(), /^line \d+ \(1 of \d+\)/);
  assert.equal(await page.locator('#pkt-ladder g.arrow').count(), 0, 'nothing sent before the first line ran');
  let shown = 0;
  for (let i = 0; i < 5; i++) {
    await page.click('#pkt-next');
    shown = await page.locator('#pkt-ladder g.arrow').count();
  }
  assert.ok(shown >= 2 && shown < all, `part of the run: ${shown} of ${all}`);
  assert.equal(await page.locator('#pkt-script li.current').count(), 1);
  await page.keyboard.press('End');
  assert.equal(await page.locator('#pkt-ladder g.arrow').count(), all);
  page.assertClean();
});

test('a mismatch is marked on its line and on the segment', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}pkt.html`);
  const bad = sample.replace('> P. 1:2001(2000) ack 1', '> P. 1:2001(2000) ack 7');
  await page.setInputFiles('#pkt-open', { name: 'bad.pkt', mimeType: 'text/plain', buffer: Buffer.from(bad) });
  await page.waitForSelector('#pkt-verdict.fail');
  assert.match(await page.locator('#pkt-verdict').innerText(),
    /^bad\.pkt:17: error handling packet: live packet field tcp_ack_seq: expected: 7 \(0x7\) vs actual: 1 \(0x1\)/);
  assert.equal(await page.locator('#pkt-script li.failed').getAttribute('data-line'), '17');
  assert.equal(await page.locator('#pkt-script li.current').getAttribute('data-line'), '17', 'it stops at the mismatch');
  const marked = page.locator('#pkt-ladder g.arrow.mismatch');
  assert.equal(await marked.count(), 1);
  assert.match(await marked.locator('text.label').textContent(), /PSH, ACK seq 1001:2001 ack 1/, 'the last segment of the burst, whose header packetdrill checks');
  for (const [w, h, name] of [[390, 844, 'phone'], [1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `pkt-${name}`);
  }
  page.assertClean();
});
