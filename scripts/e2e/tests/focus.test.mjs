// The keyboard never loses its place (issue 11): after acting on a packet
// in flight from its menu, or opening one from the event log, the focus is
// on the packet (its arrow, or the inspector), not on the page's body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, typeAll } from '../lib/harness.mjs';

const site = useSite();
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e === document.body ? 'body' : e.id || `${e.tagName.toLowerCase()}[data-packet=${e.dataset?.packet}].${e.getAttribute('class')}`;
});

test('after an action from a packet in flight\'s menu, the keyboard is on that packet\'s arrow', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page, [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)']]);
  const syn = page.locator('#ladder g.arrow.inflight[data-packet="1"]');
  await syn.waitFor({ timeout: 15000 });
  await syn.focus();
  await page.keyboard.press('Enter');
  await page.locator('#flight-menu button').first().waitFor({ timeout: 15000 });
  await page.keyboard.press('ArrowDown'); // Drop it
  await page.keyboard.press('Enter');
  await page.locator('#ladder g.arrow.dropped[data-packet="1"]').waitFor({ timeout: 15000 });
  assert.match(await focused(page), /^g\[data-packet=1\]\.arrow dropped/, 'on the dropped packet\'s arrow');
  // Inspect, from the menu of the next packet in flight (the SYN sent again after its timeout).
  await typeAll(page, [['net', 'wait 1s']]);
  const again = page.locator('#ladder g.arrow.inflight').first();
  await again.waitFor({ timeout: 15000 });
  const id = await again.getAttribute('data-packet');
  await again.focus();
  await page.keyboard.press('Enter');
  await page.locator('#flight-menu button', { hasText: 'Inspect' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#panel-inspector h3', { hasText: `Packet #${id}` }).waitFor({ timeout: 15000 });
  assert.match(await focused(page), new RegExp(`^g\\[data-packet=${id}\\]\\.arrow inflight`), 'on the inspected packet\'s arrow');
  page.assertClean();
  await page.close();
});

test('a packet opened from the event log takes the keyboard to the inspector', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page, [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'], ['net', 'run']]);
  await page.click('#tab-events');
  const link = page.locator('#panel-events button.link', { hasText: '#2' }).first();
  await link.waitFor({ timeout: 15000 });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.locator('#panel-inspector h3', { hasText: 'Packet #2' }).waitFor({ timeout: 15000 });
  assert.equal(await focused(page), 'panel-inspector');
  page.assertClean();
  await page.close();
});
