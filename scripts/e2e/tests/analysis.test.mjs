// Connection analysis (issue 14), from the user's side: open each graph of
// a long transfer, reach a packet from a point, zoom, export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const KINDS = ['tcptrace', 'stevens', 'cwnd', 'throughput', 'rtt'];

async function playExample(page, name) {
  await page.click('#examples-button');
  await page.click(`[data-example="${name}"]`);
  await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 60000 });
}

// inked counts the canvas's pixels of a colour (r, g, b).
function inked(page, [r, g, b]) {
  return page.$eval('.graph-canvas', (c, [r, g, b]) => {
    const copy = document.createElement('canvas'); // read a copy: the page's canvas stays fast to draw
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) < 8 && Math.abs(d[i + 1] - g) < 8 && Math.abs(d[i + 2] - b) < 8) n++;
    return n;
  }, [r, g, b]);
}

async function openGraphs(page) {
  await page.click('#tab-analysis');
  await page.waitForSelector('.graph-canvas');
}

test('every graph of a lossy download draws, at laptop and phone size', async () => {
  const page = await openPage(browser.context, server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playExample(page, '17-bulk-under-loss');
  await openGraphs(page);
  assert.match(await page.locator('#graph-dir option:checked').textContent(), /server 10\.0\.0\.2:80 →/, 'the direction carrying the data');
  for (const kind of KINDS) {
    await page.selectOption('#graph-kind', kind);
    await page.locator('#panel-analysis').scrollIntoViewIfNeeded();
    await screenshot(page, `analysis-${kind}-laptop`);
  }
  await page.selectOption('#graph-kind', 'tcptrace');
  assert.ok(await inked(page, [0x1f, 0x3a, 0x93]) > 200, 'segments drawn');
  assert.ok(await inked(page, [0xd6, 0x27, 0x28]) > 5, 'retransmissions drawn in red');
  assert.ok(await inked(page, [0x2c, 0xa0, 0x2c]) > 200, 'the ACK line drawn');
  const legend = await page.locator('.graph-legend').innerText();
  for (const word of ['segment', 'retransmission', 'ACK', 'receive window', 'SACK block']) assert.ok(legend.includes(word), word);
  await page.selectOption('#graph-kind', 'cwnd');
  assert.match(await page.locator('.graph-legend').innerText(), /slow start[\s\S]*recovery/);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const kind of KINDS) {
    await page.selectOption('#graph-kind', kind);
    await page.locator('#panel-analysis').scrollIntoViewIfNeeded();
    await screenshot(page, `analysis-${kind}-phone`);
  }
  const width = await page.$eval('.graph-canvas', (c) => c.getBoundingClientRect().width);
  assert.ok(width <= 390, `the graph fits the phone (${width}px)`);
  page.assertClean();
  await page.close();
});

test('a point of a graph opens its packet in the inspector and on the ladder', async () => {
  const page = await openPage(browser.context, server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playExample(page, '09-fast-retransmit');
  await openGraphs(page);
  for (const kind of ['tcptrace', 'rtt']) {
    await page.selectOption('#graph-kind', kind);
    const canvas = page.locator('.graph-canvas');
    await canvas.focus();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    const tip = page.locator('.graph-tip');
    await tip.waitFor({ state: 'visible' });
    const stepped = Number(/packet #(\d+)/.exec(await tip.innerText())[1]);
    const pos = await tip.evaluate((el) => ({ x: Number(el.dataset.x), y: Number(el.dataset.y) })); // the point's place
    await page.keyboard.press('Escape');
    await canvas.hover({ position: pos });
    assert.match(await tip.innerText(), new RegExp(`packet #${stepped}\\b`), 'hovering shows the same point');
    await canvas.click({ position: pos });
    await page.waitForSelector('#panel-inspector:not([hidden])');
    assert.match(await page.locator('#panel-inspector h3').innerText(), new RegExp(`Packet #${stepped}\\b`));
    assert.ok(await page.locator(`#ladder [data-packet="${stepped}"].selected`).count() === 1, 'its arrow is selected');
    await openGraphs(page);
  }
  page.assertClean();
  await page.close();
});

test('zoom by keyboard and wheel, reset, and export as SVG and PNG', async () => {
  const page = await openPage(browser.context, server.url);
  await playExample(page, '17-bulk-under-loss');
  await openGraphs(page);
  const pixels = () => page.$eval('.graph-canvas', (c) => c.toDataURL());
  const whole = await pixels();
  await page.locator('.graph-canvas').focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const zoomed = await pixels();
  assert.notEqual(zoomed, whole, 'zoomed in');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await pixels(), zoomed, 'panned');
  await page.click('#graph-reset');
  assert.equal(await pixels(), whole, 'reset shows everything again');
  await page.locator('.graph-canvas').hover();
  await page.mouse.wheel(0, -300);
  assert.notEqual(await pixels(), whole, 'the wheel zooms');

  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#graph-svg')]);
  assert.equal(svg.suggestedFilename(), 'sockplay-tcptrace-conn0.svg');
  const text = readFileSync(await svg.path(), 'utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(text, /Time-sequence graph \(tcptrace\): 10\.0\.0\.2:80 → 10\.0\.0\.1:\d+/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#graph-png')]);
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  page.assertClean();
  await page.close();
});
