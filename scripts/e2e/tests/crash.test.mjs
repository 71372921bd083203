// A host crashed in the playground: its console says it is down until
// net> reboot, a call on it is refused with how to bring it back, and the
// client's next segment after the reboot is answered with a reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, typeAll, consoleEntries, screenshot, ESTABLISHED } from '../lib/harness.mjs';

const site = useSite();

test('a crashed server is down until it reboots, then resets the client', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page, [...ESTABLISHED, ['net', 'crash server']]);
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
