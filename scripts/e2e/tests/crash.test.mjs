// A host crashed in the playground: its console says it is down until
// net> reboot, a call on it is refused with how to bring it back, and the
// client's next segment after the reboot is answered with a reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, type, consoleEntries, screenshot } from '../lib/harness.mjs';

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

test('a crashed server is down until it reboots, then resets the client', async () => {
  const page = await openPage(browser.context, server.url);
  for (const [host, line] of [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'], ['net', 'run'], ['server', 'a = accept(s)'],
    ['net', 'crash server']]) {
    await type(page, host, line);
  }
  const status = page.locator('#host-server .console .status');
  await page.waitForFunction(() => document.querySelector('#host-server .console').classList.contains('is-down'));
  assert.equal(await status.innerText(), 'server is down (crashed): net> reboot server brings it back');
  await type(page, 'server', 'recv(a, 10)');
  assert.match(await consoleEntries(page, 'server').last().innerText(), /server is down; net> reboot server brings it back/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'crash-down');
  await type(page, 'net', 'reboot server');
  await page.waitForFunction(() => !document.querySelector('#host-server .console').classList.contains('is-down'));
  assert.equal(await status.isVisible(), false);
  await type(page, 'client', 'send(c, "hello")');
  await type(page, 'net', 'run');
  await type(page, 'client', 'recv(c, 10)');
  assert.match(await consoleEntries(page, 'client').last().innerText(), /ECONNRESET/);
  page.assertClean();
  await page.close();
});
