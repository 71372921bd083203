// The page in Simplified Chinese (issue 15): chosen by the browser's
// language or the switch, kept in share links, the session untouched by a
// switch; the engine's transcript and trace the same in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, launch, openPage, screenshot, engineCall, type, arrowLabels } from '../lib/harness.mjs';

const site = useSite();

// playHandshake plays the handshake example to its end.
async function playHandshake(page) {
  await page.selectOption('#speed', '4');
  await page.click('#start-handshake');
  await page.waitForSelector('#playing:not([hidden])');
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 20000 });
}

// engineRecord is everything the engine says of the session: it must not
// depend on the page's language.
async function engineRecord(page) {
  return {
    script: await engineCall(page, 'script'),
    tcpdump: await engineCall(page, 'tcpdump', '', false),
    trace: JSON.stringify(await engineCall(page, 'trace', 0)),
    state: JSON.stringify(await engineCall(page, 'state')),
  };
}

test('zh-CN: the handshake example, its hints and an errno hint in Chinese; the engine says the same as in English', async () => {
  const en = await openPage(site.browser.context, site.server.url);
  await playHandshake(en);
  await type(en, 'client', 'd = socket(AF_INET, SOCK_STREAM)');
  await type(en, 'client', 'connect(d, server:81)');
  await en.click('#btn-run');
  await type(en, 'server', 'lisen(s, 5)');
  assert.match(await en.locator('#host-server .entry.failed .err').last().innerText(), /unknown call lisen/);
  await type(en, 'client', 'help connect');
  assert.match(await en.locator('#host-client .entry').last().innerText(), /connect a socket to a remote address/);
  const english = await engineRecord(en);
  assert.match(await en.locator('#host-client .errno-hint').last().innerText(), /^usually: nothing listens on that port/);
  await en.close();

  const page = await openPage(site.browser.context, `${site.server.url}?lang=zh-CN`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('#start-handshake').innerText(), '▶ 播放三次握手');
  assert.equal(await page.locator('#tab-why').innerText(), '发生了什么，为什么');
  assert.equal(await page.inputValue('#lang'), 'zh-CN');
  await playHandshake(page);
  // The example's title and narration.
  assert.equal(await page.locator('#story-title').innerText(), '三次握手');
  assert.match(await page.locator('#story-line').innerText(), /初始序列号（ISN）/);
  assert.match(await page.locator('#net-console .entry.narration').first().innerText(), /示例：三次握手/);
  assert.match(await page.locator('#hint').innerText(), /“三次握手”已播放完毕/);
  const labels = await arrowLabels(page);
  assert.match(labels[0], /^#1 SYN seq 0/, 'packets are drawn as tcpdump writes them, in any language');
  // A state keeps its name, its Chinese name beside it: the sockets
  // panel, the state diagram and the event log.
  assert.equal(await page.locator('#host-client .socket .state').first().innerText(), 'ESTABLISHED（已建立连接）');
  await page.click('#tab-states');
  assert.match(await page.locator('#panel-states').innerText(), /当前的套接字[\s\S]*ESTABLISHED（已建立连接）/);
  await page.click('#tab-events');
  assert.deepEqual(await page.locator('#panel-events th').allInnerTexts(), ['#', '时间', '行', '类型', '主机', '内容']);
  assert.match(await page.locator('#panel-events').innerText(), /SYN-SENT → ESTABLISHED（已建立连接）/);
  // The inspector's words in Chinese, the packet's fields as Wireshark names them.
  await page.locator('#ladder g.arrow').first().click();
  await page.waitForSelector('#panel-inspector:not([hidden])');
  assert.match(await page.locator('#panel-inspector h3').innerText(), /^报文 #1\b/);
  assert.match(await page.locator('#panel-inspector').innerText(), /原因：[\s\S]*Sequence number/);
  await type(page, 'client', 'd = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(d, server:81)');
  await page.click('#btn-run');
  // The errno stays ECONNREFUSED; its usual cause is told in Chinese.
  const failed = page.locator('#host-client .entry').last();
  assert.match(await failed.innerText(), /ECONNREFUSED/);
  assert.match(await failed.locator('.errno-hint').innerText(), /^ECONNREFUSED（连接被拒绝）\s*常见原因：那个端口上没有程序在监听/);
  // An error of the engine: the message and its hint in Chinese, the
  // code in them as typed.
  await type(page, 'server', 'lisen(s, 5)');
  const refused = page.locator('#host-server .entry.failed').last();
  assert.match(await refused.locator('.err').innerText(), /未知的调用 lisen/);
  assert.match(await refused.locator('.hint').innerText(), /^提示：你是想输入 listen 吗？/);
  // Help: typed in a console, and the Help button's index.
  await type(page, 'client', 'help connect');
  const help = await page.locator('#host-client .entry').last().innerText();
  assert.match(help, /connect\(fd, addr\) — 把套接字连接到远端地址/);
  assert.match(help, /ECONNREFUSED +SYN 得到的应答是 RST/);
  await page.click('#help-button');
  assert.match(await page.locator('#help-text').innerText(), /套接字调用（在主机提示符之后/);
  await screenshot(page, 'i18n-zh-help');
  await page.keyboard.press('Escape');
  const chinese = await engineRecord(page);
  assert.deepEqual(chinese, english, 'transcript, capture, trace and state are byte-identical between languages');
  await screenshot(page, 'i18n-zh-laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'i18n-zh-phone');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Switching back keeps the session: the same lines, relabelled.
  const lines = await engineCall(page, 'history');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('#start-handshake').innerText(), '▶ Play the three-way handshake');
  assert.deepEqual(await engineCall(page, 'history'), lines);
  assert.match(await page.locator('#host-client .errno-hint').last().innerText(), /nothing listens on that port/);
  await screenshot(page, 'i18n-en-laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'i18n-en-phone');
  page.assertClean();
  await page.close();
});

test('zh-CN follows the browser language, the switch is remembered, a share link keeps its language', async () => {
  const fresh = await launch(); // a profile where nothing was chosen yet
  const page = await fresh.context.newPage();
  await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh', 'en'] }));
  await page.goto(site.server.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'navigator.languages zh-CN gives the Chinese page');
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await page.click('#share-button');
  const link = await page.inputValue('#share-url');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.goto(site.server.url); // the same page without the link
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the switch is remembered over the browser language');
  // The link made in Chinese opens in Chinese.
  await page.goto(link);
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(await engineCall(page, 'history'), ['server> s = socket(AF_INET, SOCK_STREAM)']);
  await fresh.close();
});
