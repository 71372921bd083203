// A student at the keyboard: both consoles, a connection opened, data
// exchanged and closed, errors, completion, help, blocked calls, XSS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, consoleEntries, arrowLabels, screenshot, engineCall, forgetSaved } from '../lib/harness.mjs';

const site = useSite();

test('open a connection, exchange data and close, by typing', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'server-input', 'ready to type in the server console');

  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'bind(s, 0.0.0.0:80)');
  await type(page, 'server', 'listen(s, 5)');
  await type(page, 'server', 'a = accept(s)');
  // accept blocks: the console says so.
  await page.waitForSelector('#host-server .status:not([hidden])');
  assert.match(await page.locator('#host-server .status').innerText(), /blocked in a = accept\(s\)/);
  await screenshot(page, 'blocked-accept');

  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(c, server:80)');
  let labels = await arrowLabels(page);
  assert.ok(labels.some((l) => /SYN seq 0/.test(l) && /inflight/.test(l)), `a SYN in flight: ${labels}`);

  await page.click('#btn-run');
  await page.waitForSelector('#host-server .status[hidden]', { state: 'attached' });
  labels = await arrowLabels(page);
  assert.ok(labels.some((l) => /SYN, ACK seq 0 ack 1 \[delivered\]/.test(l)), labels.join('\n'));
  // The late result of accept is shown against the call that blocked.
  const acceptEntry = page.locator('#host-server .entry[data-line="4"]');
  assert.match(await acceptEntry.innerText(), /↳ .*accept/);

  await type(page, 'client', 'send(c, "GET / HTTP/1.0\\r\\n\\r\\n")');
  await page.click('#btn-run');
  await type(page, 'server', 'recv(a, 1024)');
  assert.match(await consoleEntries(page, 'server').last().innerText(), /GET \/ HTTP\/1\.0/);
  await type(page, 'client', 'close(c)');
  await type(page, 'server', 'close(a)');
  await page.click('#btn-run');
  labels = await arrowLabels(page);
  assert.ok(labels.filter((l) => /FIN/.test(l)).length >= 2, `two FINs: ${labels}`);

  const state = await engineCall(page, 'state');
  const client = state.hosts.find((h) => h.name === 'client');
  assert.ok(client.sockets.some((s) => s.state === 'TIME-WAIT'), 'the client that closed first waits in TIME-WAIT');
  assert.match(await page.locator('#host-client .sockets').innerText(), /TIME-WAIT/);
  await screenshot(page, 'connection-closed');

  await page.click('#tab-states');
  assert.match(await page.locator('#panel-states .sd-caption').innerText(), /client \(no fd\) TIME-WAIT/, 'the closed client socket waits in TIME-WAIT');
  await screenshot(page, 'state-diagram');
  page.assertClean();
  await page.close();
});

test('errors point at the column and give a hint; completion and help work', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'lisen(s, 5)');
  const entry = consoleEntries(page, 'server').last();
  assert.ok(await entry.evaluate((e) => e.classList.contains('failed')));
  assert.match(await entry.locator('.caret').innerText(), /\^/);
  assert.match(await entry.locator('.hint').innerText(), /listen/);
  await screenshot(page, 'error-hint');

  // Tab completes a call name.
  const input = page.locator('#client-input');
  await input.fill('c = sock');
  await input.press('Tab');
  assert.match(await input.inputValue(), /^c = socket/);
  // ↑ recalls the last line.
  await page.locator('#server-input').focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('#server-input').inputValue(), 'lisen(s, 5)');

  await type(page, 'client', 'help connect');
  assert.match(await consoleEntries(page, 'client').last().innerText(), /SYN/);
  page.assertClean();
  await page.close();
});

test('user text is shown, never run', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await type(page, 'client', `c = socket(AF_INET, SOCK_DGRAM)`);
  await type(page, 'client', `sendto(c, "${payload.replace(/"/g, '\\"')}", 0, server:53)`);
  await type(page, 'client', payload);
  await page.click('#btn-run');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.ok((await page.locator('#host-client .scrollback').innerText()).includes('<img src=x'), 'the payload is displayed as text');
  const labels = await arrowLabels(page);
  assert.ok(labels.length > 0);
  await page.locator('#ladder g.arrow').first().click();
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.ok((await page.locator('#panel-inspector').innerText()).includes('<img'), 'the inspector shows the payload as text');
  page.assertClean();
  await page.close();
});

test('a bridge failure is reported and the page keeps working', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const err = await page.evaluate(() => JSON.parse(globalThis.sockplay.goto('not a number')).error);
  assert.match(err.message, /must be a number/);
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  assert.match(await consoleEntries(page, 'server').last().innerText(), /= 3/);
  page.assertClean();
  await page.close();
});

test('everything is reachable with the keyboard alone', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const seen = new Set();
  // Tab moves through real controls, from the top of the page (the skip
  // link) to the panels. It stops once all are reached: past the page's
  // last control, Firefox moves the focus on into its own toolbar.
  const wanted = ['examples-button', 'start-handshake', 'btn-auto', 'btn-next', 'timeline', 'client-input', 'server-input', 'net-input', 'tab-inspector'];
  await page.locator('a.skip').focus();
  for (let i = 0; i < 60 && !wanted.every((id) => seen.has(id)); i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, tag: el.tagName, role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30) };
    });
    seen.add(info.id || `${info.tag}:${info.label}`);
  }
  // (Step, Run and Undo are disabled while there is nothing to do.)
  for (const id of wanted) {
    assert.ok(seen.has(id), `Tab reaches #${id}; reached ${[...seen].join(', ')}`);
  }
  // The Examples menu: Enter opens it, End and Home reach its last and first example.
  await page.locator('#examples-button').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#examples-menu [role=menuitem]', { timeout: 30000 });
  const examples = await page.locator('#examples-menu [role=menuitem]').count();
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#examples-menu [role=menuitem]')].indexOf(document.activeElement)), examples - 1, 'End: the last example');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#examples-menu [role=menuitem]')].indexOf(document.activeElement)), 0, 'Home: the first');
  await page.keyboard.press('Escape');
  // Play the handshake from the keyboard: focus the start button, Enter.
  await page.selectOption('#speed', '4');
  await page.locator('#start-handshake').focus();
  await page.keyboard.press('Enter');
  // (Firefox clicks the button on key up, a moment later: wait for the
  // three packets, not only for the player to be idle.)
  await page.waitForFunction(() => document.querySelectorAll('#ladder g.arrow').length === 3 && document.getElementById('playing').hidden);
  // The packets are one Tab stop; ↑/↓ move between them; Enter inspects.
  assert.equal(await page.locator('#ladder g.arrow[tabindex="0"]').count(), 1);
  await page.locator('#ladder g.arrow[tabindex="0"]').focus();
  const newest = await page.evaluate(() => document.activeElement.dataset.packet);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.packet)), Number(newest) - 1);
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.packet), '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-inspector table.layer');
  assert.match(await page.locator('#panel-inspector').innerText(), /TCP/);
  page.assertClean();
  await page.close();
});

test('lines typed before the engine has loaded run once it is up', async () => {
  const page = await site.browser.context.newPage();
  await forgetSaved(page);
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/sockplay.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(site.server.url);
  // The console is there and focused before any engine exists.
  await page.waitForFunction(() => document.activeElement?.id === 'server-input');
  await page.keyboard.type('s = socket(AF_INET, SOCK_STREAM)');
  await page.waitForFunction(() => globalThis.sockplayApp);
  await page.keyboard.press('Enter');
  assert.match(await consoleEntries(page, 'server').last().innerText(), /runs as soon as the engine has loaded/);
  release();
  await page.waitForSelector('html[data-ready="true"]');
  assert.match(await consoleEntries(page, 'server').last().innerText(), /= 3/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the start strip hints at the next step and fills it in on click', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.click('#hint button.code');
  assert.equal(await page.inputValue('#server-input'), 's = socket(AF_INET, SOCK_STREAM)');
  await page.keyboard.press('Enter');
  await type(page, 'server', 'bind(s, 0.0.0.0:80)');
  await type(page, 'server', 'listen(s, 5)');
  assert.match(await page.locator('#hint').innerText(), /client/);
  await page.click('#hint button.code');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'client-input');
  assert.equal(await page.inputValue('#client-input'), 'c = socket(AF_INET, SOCK_STREAM)');
  page.assertClean();
  await page.close();
});
