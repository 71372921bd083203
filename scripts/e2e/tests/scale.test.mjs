// A long session stays light (issue 12): the 1 MiB download draws only the
// part of the ladder and of the event log that is on the screen, and every
// packet and event can still be reached, by scrolling and by keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, playExample, screenshot } from '../lib/harness.mjs';

const site = useSite();

// inView lists the packet numbers of the arrows drawn within the ladder's
// box on the screen.
function inView(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#ladder-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('#ladder g.arrow')].filter((g) => {
      const b = g.getBoundingClientRect();
      return b.bottom > box.top && b.top < box.bottom;
    }).map((g) => Number(g.dataset.packet));
  });
}

const scrollLadder = (page, where) => page.evaluate((f) => {
  const s = document.querySelector('#ladder-scroll');
  s.scrollTop = (s.scrollHeight - s.clientHeight) * f;
}, where);

test('the 1 MiB download draws the ladder where it is looked at, and the keyboard reaches its first and last packet', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playExample(page, '17-bulk-under-loss');
  const packets = await page.evaluate(() => sockplayApp.events.filter((e) => e.kind === 'send').length);
  assert.ok(packets > 1000, `${packets} packets`);
  const drawn = () => page.locator('#ladder g.arrow').count();
  assert.ok(await drawn() < packets / 5, `${await drawn()} arrows drawn of ${packets}`);
  assert.ok((await inView(page)).length > 0, 'the end of the transfer is on the screen');

  await scrollLadder(page, 0.5);
  await page.waitForFunction(() => {
    const box = document.querySelector('#ladder-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('#ladder g.arrow')].some((g) => { const b = g.getBoundingClientRect(); return b.bottom > box.top && b.top < box.bottom; });
  }, null, { timeout: 10_000 });
  const middle = await inView(page);
  assert.ok(middle.some((id) => id > packets * 0.3 && id < packets * 0.7), `the middle of the transfer is drawn: ${middle.slice(0, 5)}`);
  await screenshot(page, 'scale-ladder-middle');

  // Focusing an arrow keeps it on the screen (Firefox scrolls a box to its
  // top for an SVG element; the page brings the arrow back).
  await page.locator(`#ladder g.arrow[data-packet="${middle[0]}"]`).focus();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.packet), String(middle[0]));
  assert.ok((await inView(page)).includes(middle[0]), 'the focused arrow is on the screen');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement?.dataset?.packet === '1', null, { timeout: 10_000 });
  assert.ok((await inView(page)).includes(1), 'the first packet is on the screen');
  await page.keyboard.press('End');
  await page.waitForFunction((n) => Number(document.activeElement?.dataset?.packet) >= n, packets, { timeout: 10_000 });
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((n) => Number(document.activeElement?.dataset?.packet) < n, packets, { timeout: 10_000 });
  page.assertClean();
  await page.close();
});

test('the event log of the 1 MiB download holds every event and draws those in view', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playExample(page, '17-bulk-under-loss');
  const events = await page.evaluate(() => sockplayApp.events.length);
  await page.click('#tab-events');
  assert.match(await page.locator('#panel-events .muted').innerText(), new RegExp(`^${events} events$`));
  const rows = () => page.locator('#panel-events tr.ev').count();
  assert.ok(await rows() < events / 5, `${await rows()} rows drawn of ${events}`);
  const visible = (want) => page.waitForFunction((n) => {
    const s = document.querySelector('#panel-events .log-scroll');
    const box = s.getBoundingClientRect();
    return [...s.querySelectorAll('tr.ev')].some((tr) => { const b = tr.getBoundingClientRect(); return tr.cells[0].textContent === String(n) && b.bottom > box.top && b.top < box.bottom; });
  }, want, { timeout: 10_000 });
  await visible(0);
  await page.evaluate(() => { const s = document.querySelector('#panel-events .log-scroll'); s.scrollTop = s.scrollHeight; });
  await visible(events - 1);
  page.assertClean();
  await page.close();
});
