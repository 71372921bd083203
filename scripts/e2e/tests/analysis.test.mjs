// Connection analysis (issue 14), from the user's side: open each graph of
// a long transfer, reach a packet from a point, zoom, export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, openPage, playExample, downloaded, screenshot, IS_FIREFOX, ARTIFACTS } from '../lib/harness.mjs';

const site = useSite();

// showAnalysis scrolls the analysis panel into view for a screenshot,
// without Playwright's wait for it to be stable (a loaded machine's page
// can be busy for longer than that wait).
function showAnalysis(page) {
  return page.$eval('#panel-analysis', (el) => el.scrollIntoView({ block: 'nearest' }));
}

const KINDS = ['tcptrace', 'stevens', 'cwnd', 'throughput', 'rtt'];

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

// panelShot saves a picture of the analysis panel alone (a whole phone
// page is too tall to read the graph in).
async function panelShot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator('#panel-analysis').screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}${name}.png`) });
}

async function openGraphs(page) {
  await page.click('#tab-analysis');
  await page.waitForSelector('.graph-canvas');
}

test('every graph of a lossy download draws, at laptop and phone size', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playExample(page, '17-bulk-under-loss');
  await openGraphs(page);
  assert.match(await page.locator('#graph-dir option:checked').textContent(), /server 10\.0\.0\.2:80 →/, 'the direction carrying the data');
  for (const kind of KINDS) {
    await page.selectOption('#graph-kind', kind);
    await showAnalysis(page);
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
    await panelShot(page, `analysis-${kind}-phone`);
  }
  const width = await page.$eval('.graph-canvas', (c) => c.getBoundingClientRect().width);
  assert.ok(width <= 390, `the graph fits the phone (${width}px)`);
  page.assertClean();
  await page.close();
});

test('a point of a graph opens its packet in the inspector and on the ladder', async () => {
  const page = await openPage(site.browser.context, site.server.url);
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
  const page = await openPage(site.browser.context, site.server.url);
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

  const svg = await downloaded(page, '#graph-svg');
  assert.equal(svg.name, 'sockplay-tcptrace-conn0.svg');
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(text, /Time-sequence graph \(tcptrace\): 10\.0\.0\.2:80 → 10\.0\.0\.1:\d+/);
  const png = await downloaded(page, '#graph-png');
  assert.equal(png.name, 'sockplay-tcptrace-conn0.png');
  const { bytes } = png;
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  page.assertClean();
  await page.close();
});

test('a display filter narrows the ladder, tcpdump, event log and graphs; a wrong one points at its column', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '09-fast-retransmit');
  const arrows = () => page.locator('#ladder g.arrow').count();
  const all = await arrows();
  await page.fill('#display-filter', 'tcp.analysis.retransmission');
  await page.press('#display-filter', 'Enter');
  const retx = await arrows();
  assert.ok(retx >= 1 && retx < all, `${retx} of ${all} arrows`);
  assert.ok(await page.locator('#ladder g.arrow.retransmit').count() === retx, 'only retransmissions are left');
  assert.match(await page.locator('#display-filter-status').innerText(), new RegExp(`^${retx} of \\d+ packets$`));
  await page.click('#tab-tcpdump');
  const lines = await page.locator('#tcpdump-text .td-line').allInnerTexts();
  assert.equal(lines.length, retx);
  assert.ok(lines.every((l) => /\[retransmission \(fast\)/.test(l) || /\[retransmission/.test(l)), lines.join('\n'));
  await page.click('#tab-events');
  const evPackets = await page.$$eval('#panel-events button.link', (bs) => [...new Set(bs.map((b) => b.textContent))]);
  assert.equal(evPackets.length, retx, `event log packets ${evPackets}`);

  await page.fill('#display-filter', 'tcp.port == 80 and and');
  await page.press('#display-filter', 'Enter');
  assert.equal(await page.getAttribute('#display-filter', 'aria-invalid'), 'true');
  const err = await page.locator('.filter-error').innerText();
  assert.match(err, /^tcp\.port == 80 and and\n {19}\^\n.*\(column 20\)$/, err);
  assert.equal(await arrows(), all, 'a wrong filter hides nothing');
  await page.press('#display-filter', 'Escape');
  assert.equal(await page.locator('.filter-error').isHidden(), true);
  assert.equal(await arrows(), all);
  page.assertClean();
  await page.close();
});

test('the tcpdump tab keeps the exact lines and puts the tags beside them, at the wire and at each host', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '09-fast-retransmit');
  await page.click('#tab-tcpdump');
  const shown = await page.$$eval('#tcpdump-text .td-line', (ls) => ls.map((l) => l.firstChild.textContent));
  const exact = (await page.evaluate(() => JSON.parse(globalThis.sockplay.tcpdump('', false)).value)).replace(/\n$/, '').split('\n');
  assert.deepEqual(shown, exact, 'the lines are tcpdump\'s, untouched');
  const tags = await page.locator('#tcpdump-text .td-tags').allInnerTexts();
  assert.ok(tags.some((t) => /dup ACK/.test(t)) && tags.some((t) => /retransmission \(fast\)/.test(t)), tags.join('\n'));

  // At a host, the tags that hold there: the client saw its segment leave
  // and be lost, the server never saw it and misses its bytes.
  const hostLines = async (host) => {
    await page.selectOption('#tcpdump-host', host);
    return page.$$eval('#tcpdump-text .td-line', (ls) => ls.map((l) => ({ line: l.firstChild.textContent, tags: l.querySelector('.td-tags')?.textContent ?? '' })));
  };
  const atServer = await hostLines('server');
  const serverDump = (await page.evaluate(() => JSON.parse(globalThis.sockplay.tcpdump('server', false)).value)).replace(/\n$/, '').split('\n');
  assert.deepEqual(atServer.map((l) => l.line), serverDump, 'the server\'s capture, untouched');
  assert.equal(atServer.filter((l) => /previous-segment-not-captured/.test(l.tags)).length, 1, JSON.stringify(atServer));
  assert.ok(!atServer.some((l) => /\blost\b/.test(l.tags)), 'nothing the server captured was lost');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator('#panel-tcpdump').screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}analysis-tcpdump-server.png`) });
  const atClient = await hostLines('client');
  assert.equal(atClient.filter((l) => /\[lost\]/.test(l.tags)).length, 1);
  assert.ok(!atClient.some((l) => /previous-segment-not-captured/.test(l.tags)), 'the client sent every byte it captured');
  await page.fill('#display-filter', 'tcp.analysis.retransmission');
  await page.press('#display-filter', 'Enter');
  await page.click('#tab-tcpdump');
  assert.equal((await hostLines('server')).length, 1, 'the display filter applies to a host\'s capture');
  page.assertClean();
  await page.close();
});

test('conversations filter the other views; expert info and follow stream link to packets', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '13-http10');
  await page.click('#tab-analysis');
  await page.click('#an-tab-conversations');
  const rows = page.locator('.analysis-conversations tbody tr');
  assert.equal(await rows.count(), 2, 'two connections, one request each');
  const all = await page.locator('#ladder g.arrow').count();
  await rows.nth(1).click();
  assert.equal(await page.inputValue('#display-filter'), 'tcp.stream == 1');
  const second = await page.locator('#ladder g.arrow').count();
  assert.ok(second > 0 && second < all, `${second} of ${all}`);
  await screenshot(page, 'analysis-conversations');
  await page.click('#an-tab-follow');
  const chunks = page.locator('.follow .chunk');
  assert.equal(await chunks.count(), 2, 'the request and the response');
  assert.match(await chunks.nth(0).innerText(), /GET \/style\.css HTTP\/1\.0/);
  assert.ok(await page.locator('.follow .chunk.dir-a').count() === 1 && await page.locator('.follow .chunk.dir-b').count() === 1, 'coloured by direction');
  await page.selectOption('#follow-mode', 'hex');
  assert.match(await chunks.nth(0).innerText(), /^00000000 {2}47 45 54 20/m);
  await page.selectOption('#follow-mode', 'decoded');
  assert.match(await chunks.nth(1).innerText(), /HTTP\/1\.0 200 OK/);
  await screenshot(page, 'analysis-follow');
  const packet = Number(await chunks.nth(1).getAttribute('data-packet'));
  await chunks.nth(1).locator('.chunk-link').click();
  assert.match(await page.locator('#panel-inspector h3').innerText(), new RegExp(`Packet #${packet}\\b`));
  await page.click('#tab-analysis');
  await page.click('#an-tab-conversations');
  await rows.nth(1).click(); // chosen again: shows all
  assert.equal(await page.inputValue('#display-filter'), '');
  assert.equal(await page.locator('#ladder g.arrow').count(), all);
  page.assertClean();
  await page.close();
});

test('follow stream decodes a WebSocket conversation: the upgrade, then each frame as the engine read it', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '18-websocket-push');
  await page.click('#tab-analysis');
  await page.click('#an-tab-follow');
  await page.selectOption('#follow-mode', 'decoded');
  const chunks = page.locator('.follow .chunk');
  await chunks.nth(8).waitFor();
  const texts = await chunks.allInnerTexts();
  assert.match(texts[0], /GET \/push HTTP\/1\.1[\s\S]*Upgrade: websocket/, 'the upgrade request with its headers');
  assert.match(texts[1], /HTTP\/1\.1 101 Switching Protocols[\s\S]*Sec-WebSocket-Accept:/);
  const frames = texts.slice(2).map((t) => /WS [^\n]*/.exec(t)?.[0]);
  assert.deepEqual(frames, ['WS text "tick 1"', 'WS text "tick 2"', 'WS text "tick 3"', 'WS text "hi"', 'WS text "hi"', 'WS close 1000', 'WS close 1000'],
    'the server\'s frames, and the client\'s masked ones unmasked');
  const dirs = await chunks.evaluateAll((cs) => cs.map((c) => (c.classList.contains('dir-a') ? 'a' : 'b')).join(''));
  assert.equal(dirs, 'abbbbabab', 'each chunk coloured by the side that sent it');
  await page.selectOption('#follow-mode', 'text');
  assert.match(await chunks.nth(2).innerText(), /tick 1/, 'as text, the frame\'s bytes');
  await screenshot(page, 'analysis-follow-websocket');
  const packet = Number(await chunks.nth(5).getAttribute('data-packet'));
  await chunks.nth(5).locator('.chunk-link').click();
  assert.match(await page.locator('#panel-inspector h3').innerText(), new RegExp(`Packet #${packet}\\b`));
  page.assertClean();
  await page.close();
});

test('the expert list groups the engine\'s findings and opens their packets', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '17-bulk-under-loss');
  await page.click('#tab-analysis');
  await page.click('#an-tab-expert');
  const groups = await page.$$eval('.expert-group', (gs) => gs.map((g) => g.dataset.tag));
  for (const tag of ['lost', 'retransmission', 'dup-ack', 'connection']) assert.ok(groups.includes(tag), `${tag} in ${groups}`);
  assert.equal(groups[0], 'lost', 'warnings first');
  await page.fill('#expert-search', 'retrans');
  const left = await page.$$eval('.expert-group', (gs) => gs.map((g) => g.dataset.tag));
  assert.ok(left.includes('retransmission') && !left.includes('connection'), String(left));
  await page.selectOption('#expert-severity', 'Note');
  await page.locator('.expert-group[data-tag="retransmission"]').evaluate((d) => { d.open = true; });
  await screenshot(page, 'analysis-expert');
  const first = page.locator('.expert-group[data-tag="retransmission"] li button').first();
  const id = (await first.innerText()).slice(1);
  await first.click();
  assert.match(await page.locator('#panel-inspector h3').innerText(), new RegExp(`Packet #${id}\\b`));
  page.assertClean();
  await page.close();
});

test('the analysis views speak the page\'s language and are relabelled by a switch', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}?lang=zh-CN`);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '09-fast-retransmit');
  await page.click('#tab-analysis');
  await page.waitForSelector('.graph-canvas');
  assert.deepEqual(await page.locator('#panel-analysis [role=tab]').allInnerTexts(), ['图表', '会话', '专家信息', '追踪流']);
  assert.equal(await page.locator('#graph-kind option:checked').innerText(), '时间-序列号（tcptrace）');
  assert.match(await page.locator('.graph-legend').innerText(), /接收窗口[\s\S]*SACK 块[\s\S]*报文段[\s\S]*重传/);
  await page.selectOption('#graph-kind', 'cwnd');
  assert.match(await page.locator('.graph-legend').innerText(), /慢启动[\s\S]*恢复/);
  await showAnalysis(page);
  await screenshot(page, 'analysis-zh-cwnd');
  await page.click('#an-tab-expert');
  assert.match(await page.locator('#an-expert [role=status]').innerText(), /^\s*\d+ 条发现$/);
  await page.click('#an-tab-follow');
  assert.equal(await page.locator('#follow-mode option:checked').innerText(), '文本');
  assert.match(await page.locator('#an-follow .panel-bar').innerText(), /字节来自 client/);
  assert.equal(await page.getAttribute('#display-filter', 'placeholder'), '显示过滤器：tcp.analysis.retransmission、tcp.port == 80 and tcp.len > 0、http…');
  await page.fill('#display-filter', 'tcp.port == 80 and and');
  await page.press('#display-filter', 'Enter');
  assert.match(await page.locator('.filter-error').innerText(), /（第 20 列）$/);
  await page.press('#display-filter', 'Escape');

  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('#an-tab-graphs');
  assert.deepEqual(await page.locator('#panel-analysis [role=tab]').allInnerTexts(), ['Graphs', 'Conversations', 'Expert info', 'Follow stream']);
  assert.equal(await page.locator('#graph-kind option:checked').innerText(), 'Congestion window');
  assert.match(await page.locator('.graph-legend').innerText(), /slow start[\s\S]*recovery/);
  assert.match(await page.getAttribute('#display-filter', 'placeholder'), /^display filter: /);
  page.assertClean();
  await page.close();
});

test('the tags show on the ladder\'s arrows and in the inspector; a graph pans by drag', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '10-zero-window');
  const expert = await page.evaluate(() => JSON.parse(globalThis.sockplay.expert()).value.packets);
  const full = expert.find((p) => p.labels.includes('window-full'));
  const zero = expert.find((p) => p.labels.includes('zero-window'));
  assert.ok(full && zero, JSON.stringify(expert));
  for (const { packet, tag } of [{ packet: full.packet, tag: 'window-full' }, { packet: zero.packet, tag: 'zero-window' }]) {
    const arrow = page.locator(`#ladder g.arrow[data-packet="${packet}"]`);
    assert.match(await arrow.locator('text').allTextContents().then((t) => t.join(' ')), new RegExp(`\\b${tag}\\b`), `#${packet}'s arrow`);
    await arrow.dispatchEvent('click'); // Firefox scrolls the diagram's box under a pointer click on an arrow far down
    await page.waitForSelector('#panel-inspector:not([hidden])');
    assert.match(await page.locator('#panel-inspector .insp-expert').innerText(), new RegExp(`^Expert: .*\\b${tag}\\b`));
  }

  await page.click('#tab-analysis');
  await page.waitForSelector('.graph-canvas');
  const pixels = () => page.$eval('.graph-canvas', (c) => c.toDataURL());
  const whole = await pixels();
  const box = await page.locator('.graph-canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 120, cy, { steps: 4 });
  await page.mouse.up();
  const dragged = await pixels();
  assert.notEqual(dragged, whole, 'a drag pans');
  await page.click('#graph-reset');
  assert.equal(await pixels(), whole);
  page.assertClean();
  await page.close();
});

test('the three teaching examples show what their narration points at', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await playExample(page, '23-slow-start');
  await openGraphs(page);
  await page.selectOption('#graph-kind', 'cwnd');
  const phases = await page.$$eval('.graph-legend .item', (items) => items.map((i) => i.dataset.series));
  assert.deepEqual(phases.slice(0, 3), ['slow-start', 'recovery', 'congestion-avoidance']);
  await showAnalysis(page);
  await screenshot(page, 'example-23-slow-start-cwnd');

  await playExample(page, '24-sack-burst');
  await openGraphs(page);
  await page.selectOption('#graph-kind', 'tcptrace');
  assert.ok(await inked(page, [0x94, 0x67, 0xbd]) > 20, 'SACK blocks drawn');
  assert.ok(await inked(page, [0xd6, 0x27, 0x28]) > 5, 'resent segments drawn');
  await showAnalysis(page);
  await screenshot(page, 'example-24-sack-burst-tcptrace');

  await playExample(page, '25-small-receive-buffer');
  await openGraphs(page);
  await page.click('#an-tab-conversations');
  const durations = await page.$$eval('.analysis-conversations tbody tr', (rows) => rows.map((r) => r.cells[8].textContent));
  const ms = durations.map((d) => parseFloat(d) * (d.endsWith(' s') ? 1000 : 1));
  assert.ok(ms.length === 2 && ms[1] > 5 * ms[0], `the small buffer's transfer is far slower: ${durations}`);
  await page.locator('.analysis-conversations tbody tr').nth(1).click();
  await page.click('#an-tab-graphs');
  assert.match(await page.locator('#graph-conn option:checked').textContent(), /^1: /);
  await showAnalysis(page);
  await screenshot(page, 'example-25-small-receive-buffer-tcptrace');
  page.assertClean();
  await page.close();
});
