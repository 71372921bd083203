// Presentation mode (issue 11): on a lecture hall's projector the header,
// toolbar and panels fold away, the type is large, the consoles and the
// diagram fill the screen without scrolling, and the keyboard steps
// through the lines: → next, ← back, Home, End, Esc leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

const lines = (page) => page.evaluate(() => Number(document.documentElement.dataset.lines));
const untilLines = (page, n) => page.waitForFunction((want) => document.documentElement.dataset.lines === String(want), n, { timeout: 20000 });
// labelHeight is the drawn height of the first arrow's label, in screen pixels.
const labelHeight = (page) => page.evaluate(() => document.querySelector('#ladder .arrow .label').getBoundingClientRect().height);

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`presentation mode at ${width}x${height}: large type, the screen filled, the keyboard steps`, async () => {
    const page = await openPage(site.browser.context, site.server.url);
    await page.setViewportSize({ width, height });
    await page.click('#start-handshake');
    await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
    await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 30000 });
    const total = await lines(page);
    const normal = await labelHeight(page);

    await page.click('#present-button');
    for (const sel of ['header.top', '.controls', '.panels', '#start']) {
      assert.equal(await page.locator(sel).isVisible(), false, `${sel} folds away`);
    }
    await page.waitForFunction((h) => document.querySelector('#ladder .arrow .label').getBoundingClientRect().height > h * 1.15, normal, { timeout: 10000 });
    const geometry = await page.evaluate(() => ({
      scrollH: document.documentElement.scrollHeight, scrollW: document.documentElement.scrollWidth,
      ladder: document.querySelector('#ladder-scroll').getBoundingClientRect(),
      prompt: document.querySelector('#client-input').getBoundingClientRect(),
    }));
    assert.ok(geometry.scrollH <= height && geometry.scrollW <= width, `the page fits the screen: ${geometry.scrollW}x${geometry.scrollH}`);
    assert.ok(geometry.ladder.height >= height * 0.5, `the diagram takes at least half the height: ${geometry.ladder.height}`);
    assert.ok(geometry.prompt.bottom <= height, 'the consoles\' prompts are on screen');
    assert.match(await page.locator('#present-where').innerText(), new RegExp(`line ${total} of ${total}`));
    // The example's story is read whole, and ss's table is cut at no edge:
    // its rows wrap between columns in the narrow consoles.
    const cut = await page.evaluate(() => [document.querySelector('#story'), ...document.querySelectorAll('.host .entry .out.table')]
      .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.id || e.className}: ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`));
    assert.deepEqual(cut, [], 'nothing cut');
    assert.ok(await page.locator('.host .entry .out.table .row', { hasText: 'ESTAB' }).count() >= 2, 'both hosts\' ss rows are on screen');

    // ← back a line, Home to the start, → forward, End to the end.
    await page.keyboard.press('ArrowLeft');
    await untilLines(page, total - 1);
    assert.match(await page.locator('#present-where').innerText(), new RegExp(`line ${total - 1} of ${total}`));
    await page.keyboard.press('Home');
    await untilLines(page, 0);
    await page.keyboard.press('ArrowRight');
    await untilLines(page, 1);
    await page.keyboard.press('PageDown'); // a presenter's clicker
    await untilLines(page, 2);
    await page.keyboard.press('End');
    await untilLines(page, total);
    await screenshot(page, `present-${width}`);

    // Typing in a console still types: the arrows move the caret there.
    await page.click('#client-input');
    await page.keyboard.type('ss');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await lines(page), total, 'an arrow key in a console is the console\'s');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('header.top').isVisible(), true, 'Esc leaves');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'present-button');
    page.assertClean();
    await page.close();
  });
}

test('presentation mode: past the last line, → delivers the next packet in flight', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
  for (const [host, line] of [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)']]) {
    await page.fill(`#${host}-input`, line);
    await page.press(`#${host}-input`, 'Enter');
  }
  await untilLines(page, 5);
  await page.click('#present-button');
  await page.keyboard.press('ArrowRight');
  await untilLines(page, 6);
  assert.match(await page.locator('#net-console .scrollback').innerText(), /step/);
  assert.ok(await page.locator('#ladder .arrow', { hasText: 'SYN, ACK' }).count() > 0, 'the SYN arrived and the SYN-ACK left');
  page.assertClean();
  await page.close();
});
