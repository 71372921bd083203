// More hosts than client and server: a third host gets its own console
// and ladder lane, typed on like the others; a crowd of 1,000 clients is
// summarised in one line and the server's sockets are grouped under the
// listener with its queues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, openPage, type, screenshot, engineCall, ARTIFACTS, IS_FIREFOX } from '../lib/harness.mjs';

const site = useSite();

// SLOW bounds the waits on a crowd of 1,000: generous, since the machine
// running the tests may be busy, but finite, so a page that never answers
// fails the test instead of hanging the run. The test checks what the
// page shows, not how fast.
const SLOW = { timeout: 180000 };

async function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}${name}.png`), fullPage: true, ...SLOW });
}

async function typeSlow(page, host, text) {
  const before = await page.locator('.scrollback .entry').count();
  await page.locator(`#${host}-input`).fill(text);
  await page.locator(`#${host}-input`).press('Enter', SLOW);
  await page.waitForFunction((n) => document.querySelectorAll('.scrollback .entry').length > n, before, SLOW);
}

test('a third host has its own console, tab and ladder lane', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  assert.ok(await page.locator('.host-tabs').isHidden(), 'no tabs while there is only the client');
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'bind(s, 0.0.0.0:80)');
  await type(page, 'server', 'listen(s, 1)');
  await type(page, 'net', 'host c2 10.0.0.3');
  await page.waitForSelector('#host-c2:not([hidden])');
  assert.ok(await page.locator('#host-client').isHidden(), 'the new host takes the client column');
  assert.deepEqual(await page.locator('.host-tabs [role=tab]').allInnerTexts(), ['client', 'c2']);
  assert.equal(await page.locator('#host-c2 .addr').innerText(), '10.0.0.3');

  await type(page, 'c2', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'c2', 'connect(c, server:80)');
  await page.click('#btn-run');
  assert.match(await page.locator('#host-c2 .scrollback').innerText(), /connect\(c, server:80\)/);
  const lanes = await page.$$eval('#ladder text', (ts) => ts.map((t) => t.textContent));
  assert.ok(lanes.some((t) => /c2/.test(t)), `a lane for c2: ${lanes.slice(0, 12)}`);
  // The client's tab brings the client back, untouched.
  await page.click('#hosttab-client');
  assert.ok(await page.locator('#host-c2').isHidden());
  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(c, server:80)');
  await page.click('#btn-run');
  const group = page.locator('#host-server .listen-group');
  assert.match(await group.innerText(), /accept queue\s*2\/2 full/);
  assert.match(await group.innerText(), /10\.0\.0\.3:\d+/, 'the c2 connection under the listener, by its 5-tuple');
  await screenshot(page, 'crowd-third-host');
  // Undo takes c2 away with its tab; redo brings it back.
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  await page.click('#btn-undo');
  assert.ok(await page.locator('.host-tabs').isHidden(), 'c2 is gone after undoing its line');
  page.assertClean();
});

test('a crowd of 1,000 against http.serve, summarised, with the server grouped', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  for (const line of ['s = socket(AF_INET, SOCK_STREAM)', 'bind(s, 0.0.0.0:80)', 'listen(s, 4096)', 'http.serve(s, version=1.0)']) {
    await type(page, 'server', line);
  }
  // While the crowd runs, the page stays live: it paints (animation frames
  // keep coming) and the net console counts the clients done.
  await page.evaluate(() => {
    const seen = window.crowdSeen = { frames: 0, progress: [] };
    const status = document.querySelector('#net-console .status');
    new MutationObserver(() => {
      if (!status.hidden) seen.progress.push(status.textContent);
      else if (seen.progress.length) seen.ended = true;
    })
      .observe(status, { childList: true, subtree: true, attributes: true });
    const tick = () => { if (seen.progress.length && !seen.ended) seen.frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const start = Date.now();
  await typeSlow(page, 'net', 'crowd 1000 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\\r\\n\\r\\n"); recv(c, 65536); close(c)');
  const took = Date.now() - start;
  const out = await page.locator('#net-console .scrollback .entry').last().innerText();
  assert.match(out, /crowd: 1000 clients from 10\.1\.0\.0\/16 over 1\.000s: 1000 started, 1000 connected, 0 refused, 0 timed out/);
  console.log(`crowd of 1000 in the page: ${took} ms`);
  const seen = await page.evaluate(() => window.crowdSeen);
  assert.ok(seen.progress.some((p) => /the crowd runs: \d+ of 1000 clients done/.test(p)), `progress shown: ${seen.progress.slice(0, 3)}`);
  assert.ok(seen.frames >= 2, `the page painted while the crowd ran (${seen.frames} frames)`);
  assert.ok(await page.locator('#net-console .status').isHidden(), 'the progress goes once the summary is in');
  assert.ok(await page.locator('#host-crowd').isVisible(), 'the crowd has its console');
  assert.match(await page.locator('#host-crowd .sockets').innerText(), /10\.1\.0\.0\/16/);
  const serverSockets = await page.locator('#host-server .listen-group').innerText();
  assert.match(serverSockets, /1000 connections through fd 3/);
  assert.match(serverSockets, /and 988 more: 988 TIME-WAIT/);
  const state = await engineCall(page, 'state');
  assert.equal(state.hosts.find((x) => x.name === 'crowd').network, '10.1.0.0/16');
  await page.click('#tab-crowd', SLOW);
  const view = await page.locator('#panel-crowd').innerText(SLOW);
  assert.match(view, /server — connections by state \(peak: [^)]*TIME-WAIT 1000\)/, 'the server closes first (HTTP/1.0): its TIME-WAIT pile-up');
  assert.match(view, /crowd — connections by state \(peak: SYN-SENT [1-9]\d*, /);
  assert.match(view, /server fd 3 — SYN queue \(limit 1537, peak [1-9]\d*\) and accept queue \(limit 4097, peak [1-9]\d*\); 0 dropped/);
  assert.match(view, /crowd: 1000 clients from 10\.1\.0\.0\/16/);
  // One client's own conversation, on demand: its handshake in a ladder.
  // Firefox's fill of a number input keeps the old digit ("1" + "42"):
  // clear it first, as a user selecting the field's text would.
  await page.fill('#crowd-pick-crowd', '');
  await page.fill('#crowd-pick-crowd', '42');
  assert.equal(await page.inputValue('#crowd-pick-crowd'), '42');
  await page.click('.crowd-pick button[type=submit]', SLOW);
  const client = page.locator('.crowd-client[data-client="42"]');
  await client.waitFor(SLOW);
  assert.match(await client.locator('.crowd-client-facts').innerText(), /^client 42, 10\.1\.0\.42: started at 0\.\d+s, connected after 0\.020s, ended at 0\.\d+s \(done\)$/);
  const lanes = await client.locator('svg text.lane-name').allTextContents();
  assert.deepEqual(lanes, ['crowd', 'server']);
  assert.ok(await client.locator('svg .arrow').count() >= 8, 'its handshake, request, answer and close');
  assert.match(await page.locator('#ladder text.lane-name-crowd').textContent(), /^crowd ⁂the clients of 10\.1\.0\.0\/16: their packets are summed up in the Many clients tab$/,
    'the crowd\'s lane says where its packets are');
  const events = await engineCall(page, 'traceBrief', 0);
  assert.ok(!events.events.some((e) => e.kind === 'send'), 'no client packet crosses to the page one by one');
  await shot(page, 'crowd-1000-views');
  await shot(page, 'crowd-1000');
  for (const [w, hgt, name] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: hgt });
    await shot(page, `crowd-1000-${name}`);
  }
  page.assertClean();
});

test('a crowd against a server written by hand: its accept loop', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  for (const line of ['s = socket(AF_INET, SOCK_STREAM)', 'bind(s, 0.0.0.0:80)', 'listen(s, 64)']) {
    await type(page, 'server', line);
  }
  await type(page, 'net', 'loop server run a = accept(s); r = recv(a, 1024); send(a, "HTTP/1.0 200 OK\\r\\n\\r\\nhello"); close(a)');
  assert.match(await page.locator('#net-console .scrollback .entry').last().innerText(), /server runs these calls over and over; now in accept: accept\(3\): no connection yet/);
  await typeSlow(page, 'net', 'crowd 200 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\\r\\n\\r\\n"); recv(c, 65536); close(c)');
  assert.match(await page.locator('#net-console .scrollback .entry').last().innerText(),
    /crowd: 200 clients from 10\.1\.0\.0\/16 over 1\.000s: 200 started, 200 connected, 0 refused, 0 timed out; 3600 bytes sent, 4800 received/);
  const group = await page.locator('#host-server .listen-group').innerText();
  assert.match(group, /200 connections through fd 3/);
  assert.match(group, /and 188 more: 188 TIME-WAIT/, 'the loop closed each accepted socket: the server keeps their TIME-WAIT');
  await shot(page, 'crowd-accept-loop');
  page.assertClean();
});

test('an exercise with a crowd: the clients close first and the server keeps no TIME-WAIT', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html?ex=crowd-time-wait`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, SLOW);
  const served = page.locator('#goal-served');
  const first = page.locator('#goal-clients-close-first');
  assert.equal(await first.getAttribute('data-met'), 'false');
  for (const line of [
    'net> loop server run a = accept(s); r = recv(a, 1024); send(a, "HTTP/1.0 200 OK\\r\\n\\r\\nhello"); e = recv(a, 1024); close(a)',
    'net> crowd 50 from 10.1.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\\r\\n\\r\\n"); recv(c, 1024); close(c)',
  ]) {
    const before = await page.locator('.ex-run .entry').count();
    await page.fill('#ex-line', line);
    await page.press('#ex-line', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.ex-run .entry').length > n, before, SLOW);
  }
  assert.match(await page.locator('.ex-run .entry').last().innerText(), /crowd: 50 clients from 10\.1\.0\.0\/24 over 1\.000s: 50 started, 50 connected, 0 refused, 0 timed out/);
  await page.waitForFunction(() => document.querySelector('#goal-clients-close-first')?.dataset.met === 'true', null, SLOW);
  assert.equal(await served.getAttribute('data-met'), 'true', 'every client got its answer');
  await shot(page, 'crowd-exercise');
  page.assertClean();
});
