// The Many clients view in Simplified Chinese (issue 15): a crowd of 20
// against a listener, its charts' captions, legends and the client
// picker in Chinese; host names, states and addresses as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, typeAll, screenshot } from '../lib/harness.mjs';

const site = useSite();
const SLOW = { timeout: 120000 }; // bounded, generous: the machine may be busy

test('zh-CN: a crowd\'s view in Chinese', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}?lang=zh-CN`);
  await typeAll(page, [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 50)']]);
  const before = await page.locator('#net-console .scrollback .entry').count();
  await page.locator('#net-input').fill('crowd 20 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)');
  await page.locator('#net-input').press('Enter', SLOW);
  await page.waitForFunction((n) => document.querySelectorAll('#net-console .scrollback .entry').length > n
    && document.querySelector('#net-console .status')?.hidden !== false, before, SLOW);
  const crowdSockets = await page.locator('#host-crowd .sockets').innerText();
  assert.match(crowdSockets, /客户群的客户端使用 10\.1\.0\.0\/16 中的地址，从 10\.1\.0\.1 开始。/);
  assert.match(crowdSockets, /无 fd\s+10\.1\.0\.1:\d+/);
  assert.match(crowdSockets, /另有 \d+ 个：\d+ FIN-WAIT-2/);
  assert.match(await page.locator('#ladder text.lane-name-crowd').textContent(), /^crowd ⁂10\.1\.0\.0\/16 中的客户端：它们的报文汇总在“多个客户端”标签页中$/, 'the lane\'s note');
  await page.click('#tab-crowd', SLOW);
  const view = await page.locator('#panel-crowd').innerText(SLOW);
  assert.match(view, /crowd：来自 10\.1\.0\.0\/16 的 20 个客户端/);
  assert.match(view, /连接数随时间的变化/);
  assert.match(view, /server — 各状态的连接数（峰值：[^）]*ESTABLISHED \d+/, 'states keep their names');
  assert.match(view, /server fd 3 — 半连接队列（上限 \d+，峰值 \d+）与全连接队列（上限 \d+，峰值 \d+）；丢弃 0 个/);
  assert.equal(await page.locator('#panel-crowd button[type="submit"]').first().innerText(), '显示它的会话');
  for (const [w, h, name] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `i18n-crowd-${name}`);
  }
  page.assertClean();
  await page.close();
});
