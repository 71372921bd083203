// The connection-analysis views of a 100,000-packet transfer in a real
// browser (issue 14: "drawn efficiently for 100,000 packets"). Graphs are
// drawn per pixel column, so they cost the screen's size, not the
// packets': each graph opens, zooms, pans, hovers and opens a packet; the
// conversations and expert views open. What each step took is printed,
// never judged (no test may fail because the machine is slow).
//
// The session is built through the engine's bridge, line by line, as the
// page's consoles run lines, but without drawing each line's events: the
// ladder and the event log draw every event they are given (here 300,000,
// 130 MB of JSON with the packets' bytes) and are not what this measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, openPage, IS_FIREFOX, ARTIFACTS } from '../lib/harness.mjs';

const site = useSite();

// A 5 MB download in 88-byte segments (TCP_MAXSEG) over a link losing
// 0.5 %: 102,135 packets (the transfer ends within the 50 s waited), retransmissions and SACK recoveries all along.
const LINES = [
  'net> latency 5ms',
  'net> loss 0.5%',
  'server> s = socket(AF_INET, SOCK_STREAM)',
  'server> bind(s, 0.0.0.0:80)',
  'server> listen(s, 5)',
  'client> c = socket(AF_INET, SOCK_STREAM)',
  'client> setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, 88)',
  'client> connect(c, server:80)',
  'net> run',
  'server> a = accept(s)',
  'client> recv(c, 5000000, MSG_WAITALL)',
  'server> send(a, "x" * 5000000)',
  ...Array(50).fill('net> wait 1s'),
];

const WAIT = { timeout: 20 * 60 * 1000 }; // bounded, far above what it takes

const figures = [];
async function timed(what, fn) {
  const t = Date.now();
  const r = await fn();
  figures.push(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  console.log(figures.at(-1));
  return r;
}

// inked counts the graph's pixels that are not background.
function inked(page) {
  return page.$eval('.graph-canvas', (c) => {
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
    return n;
  });
}

test('the graphs and views of a 100,000-packet transfer open and respond', { timeout: 60 * 60 * 1000 }, async () => {
  const page = await openPage(site.browser.context, site.server.url);
  page.setDefaultTimeout(WAIT.timeout);
  await page.setViewportSize({ width: 1366, height: 900 });
  const failed = await timed('the engine runs the session (no page drawing)', () => page.evaluate((lines) => {
    for (const line of lines) {
      const r = JSON.parse(globalThis.sockplay.exec(line));
      if (r.error || r.value?.error) return `${line}: ${JSON.stringify(r.error ?? r.value.error)}`;
    }
    return null;
  }, LINES));
  assert.equal(failed, null);
  const conv = await page.evaluate(() => JSON.parse(globalThis.sockplay.conversations()).value[0]);
  const packets = conv.frames[0] + conv.frames[1];
  assert.ok(packets >= 100000, `${packets} packets`);
  assert.ok(conv.retransmissions > 100, `${conv.retransmissions} retransmissions`);

  await timed('Connection analysis opens (tcptrace)', async () => {
    await page.click('#tab-analysis');
    await page.waitForSelector('.graph-canvas', WAIT);
  });
  const segments = await page.evaluate(() => JSON.parse(globalThis.sockplay.stream(0, true)).value.segments.packet.length);
  assert.ok(segments > 55000, `${segments} segments in the graph's data`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = (name) => page.locator('#panel-analysis').screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}analysis-100k-${name}.png`) });
  for (const kind of ['stevens', 'cwnd', 'throughput', 'rtt', 'tcptrace']) {
    await timed(`graph ${kind}`, () => page.selectOption('#graph-kind', kind));
    assert.ok(await inked(page) > 2000, `${kind} drawn`);
    await shot(kind);
  }

  const canvas = page.locator('.graph-canvas');
  const pixels = () => page.$eval('.graph-canvas', (c) => c.toDataURL());
  const whole = await pixels();
  await canvas.focus();
  await timed('zoom in 4 steps (keyboard +)', async () => {
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  });
  const zoomed = await pixels();
  assert.notEqual(zoomed, whole, 'zoomed in');
  await timed('pan 4 steps (arrow keys)', async () => {
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  });
  assert.notEqual(await pixels(), zoomed, 'panned');
  await shot('zoomed');
  await timed('the wheel zooms out', async () => {
    await canvas.hover();
    await page.mouse.wheel(0, 600);
  });
  await timed('step to a point and open its packet', async () => {
    await page.keyboard.press(']');
    await page.locator('.graph-tip').waitFor({ state: 'visible', ...WAIT });
  });
  const stepped = Number(/packet #(\d+)/.exec(await page.locator('.graph-tip').innerText())[1]);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-inspector:not([hidden])', WAIT);
  assert.match(await page.locator('#panel-inspector h3').innerText(), new RegExp(`Packet #${stepped}\\b`));

  await timed('Conversations', async () => {
    await page.click('#tab-analysis');
    await page.click('#an-tab-conversations');
    await page.waitForSelector('.analysis-conversations tbody tr', WAIT);
  });
  const row = await page.locator('.analysis-conversations tbody tr').first().innerText();
  assert.deepEqual(row.split('\t').slice(4, 6).map(Number), conv.frames, row);
  await timed('Expert info', async () => {
    await page.click('#an-tab-expert');
    await page.waitForSelector('.expert-group[data-tag="retransmission"]', WAIT);
  });
  await timed('a display filter over the graphs', async () => {
    await page.fill('#display-filter', 'tcp.analysis.retransmission');
    await page.press('#display-filter', 'Enter');
    await page.click('#an-tab-graphs');
    await page.waitForSelector('.graph-canvas', WAIT);
  });
  await shot('retransmissions');
  console.log(`${IS_FIREFOX ? 'Firefox' : 'Chromium'}, ${packets} packets, ${segments} segments one way, ${conv.retransmissions} retransmissions:\n  ${figures.join('\n  ')}`);
  page.assertClean();
  await page.close();
});
