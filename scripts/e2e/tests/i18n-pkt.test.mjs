// The packetdrill page in Simplified Chinese (issue 15): its words and
// the verdict in Chinese, the script and the ladder's packets as written;
// the switch relabels the run shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

test('zh-CN: the packetdrill sample passes, in Chinese; the switch back to English keeps it', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}pkt.html?lang=zh-CN`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('#pkt-sample').innerText(), '示例脚本');
  assert.match(await page.locator('#pkt-intro').innerText(), /^打开一个 packetdrill 脚本/);
  await page.click('#pkt-sample');
  await page.waitForSelector('#pkt-verdict.pass', { timeout: 30000 });
  assert.match(await page.locator('#pkt-verdict').innerText(), /^handshake\.pkt：通过——/);
  await page.click('#pkt-first');
  assert.match(await page.locator('#pkt-at').innerText(), /^第 \d+ 行（第 1 步，共 \d+ 步）$/);
  await page.click('#pkt-last');
  const arrows = await page.locator('#pkt-ladder g.arrow').count();
  assert.ok(arrows >= 8, `every packet drawn: ${arrows}`);
  for (const [w, h, name] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `i18n-pkt-${name}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 15000 });
  assert.match(await page.locator('#pkt-verdict').innerText(), /^handshake\.pkt: pass — /);
  assert.equal(await page.locator('#pkt-sample').innerText(), 'Sample script');
  page.assertClean();
  await page.close();
});
