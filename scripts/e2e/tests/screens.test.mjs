// Every screen (issue 11): a phone gets one column, one host's console at
// a time above the wire, nothing scrolling sideways and touch targets of 44 px;
// a laptop and a projector keep three columns, and on the projector the
// consoles and the diagram use the height there is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

async function playHandshake(page) {
  await page.click('#start-handshake');
  await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 30000 });
}

const box = (page, sel) => page.locator(sel).boundingBox();
// overflow is how far the page reaches beyond the window's width (a
// scroll bar, as Firefox draws one, is not part of the width).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// sideways lists what scrolls sideways: the page, or any box whose
// content is wider than it (a visually hidden label clips on purpose).
const sideways = (page) => page.evaluate(() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('.visually-hidden') || e.clientWidth === 0) continue;
    if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) {
      out.push(`${e.tagName.toLowerCase()}#${e.id}.${e.getAttribute('class')}: ${e.scrollWidth} > ${e.clientWidth}`);
    }
  }
  return out;
});
const shown = (page, sel) => page.locator(sel).isVisible();

// 360 px: most Android phones, and Firefox's phone once its scroll bar is taken.
for (const [width, height] of [[360, 780], [390, 844]]) {
  test(`a phone (${width}x${height}): one column, one host's console at a time, nothing sideways, 44 px touch targets`, async () => {
    const page = await openPage(site.browser.context, site.server.url);
    await page.setViewportSize({ width, height });
    await playHandshake(page);
    assert.equal(await overflow(page), 0, 'nothing wider than the screen');
    // The server's console first (the start hint sends a newcomer there), then the wire.
    assert.ok(await shown(page, '#host-server') && !(await shown(page, '#host-client')), 'one console: the server\'s');
    const [tabs, server_, wire] = [await box(page, '.phone-hosts'), await box(page, '#host-server'), await box(page, '.wire')];
    assert.ok(tabs.y < server_.y && server_.y < wire.y, 'the console switch, the console, then the wire');
    for (const b of [server_, wire]) assert.ok(b.width >= width - 30, `full width: ${b.width}`);
    // ss's wide table is read whole, not cut and not scrolled sideways.
    await page.fill('#server-input', 'ss');
    await page.press('#server-input', 'Enter');
    const ss = page.locator('#host-server .entry .out.table').last();
    await ss.waitFor({ timeout: 10000 });
    assert.match(await ss.innerText(), /Peer Address/);
    assert.deepEqual(await sideways(page), [], 'nothing scrolls sideways');
    // The client's tab shows the client's console (and marks nothing new there).
    assert.equal(await page.getAttribute('#phone-tab-client', 'class'), 'news', 'the folded client console has news (the example wrote in it)');
    await page.click('#phone-tab-client');
    assert.ok(await shown(page, '#host-client') && !(await shown(page, '#host-server')), 'one console: the client\'s');
    assert.ok((await box(page, '#host-client')).y < (await box(page, '.wire')).y);
    await page.fill('#client-input', 'ss');
    await page.press('#client-input', 'Enter');
    await page.locator('#host-client .entry .out.table').last().waitFor({ timeout: 10000 });
    assert.deepEqual(await sideways(page), [], 'nothing scrolls sideways in the client\'s console either');
    // Each of ss's rows starts at the left edge and its wrapped rest is indented under it.
    const rows = await page.$$eval('#host-client .entry .out.table .row', (rs) => rs.map((r) => {
      const range = document.createRange();
      range.selectNodeContents(r);
      const lefts = [...new Set([...range.getClientRects()].map((b) => Math.round(b.left)))];
      return { text: r.textContent.trim(), first: Math.round(r.getBoundingClientRect().left), lefts };
    }));
    assert.ok(rows.length >= 2, JSON.stringify(rows));
    for (const r of rows) assert.ok(Math.min(...r.lefts) <= r.first + 1 && r.lefts.every((l) => l <= r.first + 1 || l > r.first + 10), `a row, its rest indented: ${JSON.stringify(r)}`);
    // A packet inspected: its tables fit the screen; only the hex dump scrolls, in its own box.
    await page.focus('#ladder g.arrow[data-packet="1"]');
    await page.keyboard.press('Enter');
    await page.locator('#panel-inspector table.layer').first().waitFor({ timeout: 10000 });
    assert.equal(await overflow(page), 0, 'the inspector is no wider than the screen');
    assert.deepEqual((await sideways(page)).filter((s) => !s.startsWith('pre#.hexdump')), [], 'only the hex dump scrolls sideways');
    const tables = await page.$$eval('#panel-inspector table.layer', (ts) => ts.map((t) => t.getBoundingClientRect().right));
    assert.ok(tables.every((right) => right <= width), `the inspector's tables fit: ${tables}`);
    // ←/→ on the tabs switch too.
    await page.focus('#phone-tab-client');
    await page.keyboard.press('ArrowRight');
    assert.ok(await shown(page, '#host-server'));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'phone-tab-server');
    const small = await page.$$eval('button:not([hidden]), input:not([type=checkbox]):not([type=range]), select', (els) => els
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e.id || e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height])
      .filter(([, h]) => h < 44));
    assert.deepEqual(small, [], 'every visible control is at least 44 px tall');
    await screenshot(page, `screen-phone-${width}`);
    page.assertClean();
    await page.close();
  });
}

test('on a phone, a hint\'s code opens the console it is for', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
  await page.click('#phone-tab-client');
  await page.click('#hint button.code');
  assert.ok(await shown(page, '#host-server'), 'the server\'s console is shown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'server-input');
  assert.match(await page.inputValue('#server-input'), /socket\(AF_INET, SOCK_STREAM\)/);
  page.assertClean();
  await page.close();
});

for (const [width, height, name] of [[1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
  test(`a ${name} (${width}x${height}) keeps the three columns side by side`, async () => {
    const page = await openPage(site.browser.context, site.server.url);
    await page.setViewportSize({ width, height });
    await playHandshake(page);
    assert.equal(await overflow(page), 0, 'nothing wider than the screen');
    assert.equal(await shown(page, '.phone-hosts'), false, 'no console switch: both consoles show');
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
