// Every screen (issue 11): a phone gets one column (client, the wire,
// server) with nothing panned off to the side and touch targets of 44 px;
// a laptop and a projector keep three columns, and on the projector the
// consoles and the diagram use the height there is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, screenshot } from '../lib/harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function playHandshake(page) {
  await page.click('#start-handshake');
  await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 30000 });
}

const box = (page, sel) => page.locator(sel).boundingBox();
// overflow is how far the page reaches beyond the window's width (a
// scroll bar, as Firefox draws one, is not part of the width).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a phone (390x844) gets one column, no sideways panning and 44 px touch targets', async () => {
  const page = await openPage(browser.context, server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await playHandshake(page);
  assert.equal(await overflow(page), 0, 'nothing wider than the screen');
  const [client, wire, server_] = [await box(page, '#host-client'), await box(page, '.wire'), await box(page, '#host-server')];
  assert.ok(client.y < wire.y && wire.y < server_.y, 'client, then the wire, then server');
  for (const b of [client, wire, server_]) assert.ok(b.width >= 360, `full width: ${b.width}`);
  const small = await page.$$eval('button:not([hidden]), input:not([type=checkbox]):not([type=range]), select', (els) => els
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.id || e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height])
    .filter(([, h]) => h < 44));
  assert.deepEqual(small, [], 'every visible control is at least 44 px tall');
  await screenshot(page, 'screen-phone');
  page.assertClean();
  await page.close();
});

for (const [width, height, name] of [[1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
  test(`a ${name} (${width}x${height}) keeps the three columns side by side`, async () => {
    const page = await openPage(browser.context, server.url);
    await page.setViewportSize({ width, height });
    await playHandshake(page);
    assert.equal(await overflow(page), 0, 'nothing wider than the screen');
    const [client, wire, server_] = [await box(page, '#host-client'), await box(page, '.wire'), await box(page, '#host-server')];
    assert.ok(client.x < wire.x && wire.x < server_.x && Math.abs(client.y - server_.y) < 2);
    if (name === 'projector') {
      const console_ = await box(page, '#host-client .scrollback');
      assert.ok(console_.height > 400, `the consoles use the height: ${console_.height}`);
    }
    await screenshot(page, `screen-${name}`);
    page.assertClean();
    await page.close();
  });
}
