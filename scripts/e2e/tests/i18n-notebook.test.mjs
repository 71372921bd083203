// The notebook page in Simplified Chinese (issue 15): a tutorial opens in
// its translation (notebooks/zh-CN/), the page's words in Chinese; its
// cells are the English ones, so each runs to the same transcript and
// digest; a shared notebook keeps its language in its front matter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

// runAll runs every cell and returns what the engine made of each:
// its digest and its transcript as drawn.
async function runAll(page) {
  await page.click('#nb-run-all');
  await page.waitForFunction(() => document.documentElement.dataset.ran, null, { timeout: 60000 });
  const cells = await page.locator('.nb-cell').count();
  assert.equal(await page.locator('.nb-cell[data-state="fresh"]').count(), cells, 'every cell ran');
  return {
    digests: await page.evaluate(() => [...globalThis.sockplayNotebook.runs].map(([id, r]) => `${id} ${r.cell.digest}`)),
    transcripts: await page.locator('.nb-transcript').allInnerTexts(),
  };
}

test('zh-CN: the handshake tutorial in Chinese runs as the English one does; the switch and a shared link keep the language', async () => {
  const en = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=handshake`);
  assert.equal(await en.locator('.nb-title').innerText(), 'The three-way handshake');
  const english = await runAll(en);
  await en.close();

  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=handshake&lang=zh-CN`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('.nb-title').innerText(), '三次握手');
  assert.match(await page.locator('.nb-prose').first().innerText(), /初始序列号/);
  assert.equal(await page.locator('#nb-run-all').innerText(), '全部运行');
  assert.equal(await page.locator('#nb-tutorial option:checked').innerText(), '三次握手');
  assert.equal(await page.inputValue('#lang'), 'zh-CN');
  const chinese = await runAll(page);
  assert.deepEqual(chinese.digests, english.digests, 'the same cells, the same digests');
  assert.deepEqual(chinese.transcripts, english.transcripts, 'the engine writes the same transcripts in both languages');
  assert.equal(await page.locator('.nb-status').first().innerText(), '已是最新');
  assert.equal(await page.locator('.nb-digest').first().innerText(), '与摘要一致');
  for (const [w, h, name] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `i18n-notebook-${name}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // A shared notebook carries lang: zh-CN in its front matter, and the
  // page that opens it, with no ?lang=, speaks Chinese.
  await page.click('#nb-share');
  const link = await page.inputValue('#nb-share-url');
  assert.doesNotMatch(link, /lang=/);
  await page.click('#nb-share-close');
  const shared = await openPage(site.browser.context, link);
  assert.equal(await shared.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await shared.locator('.nb-title').innerText(), '三次握手');
  assert.equal(await shared.locator('#nb-run-all').innerText(), '全部运行');
  shared.assertClean();
  await shared.close();

  // The switch reopens the tutorial in English.
  await Promise.all([page.waitForURL((u) => !u.searchParams.has('lang'), { timeout: 30000 }), page.selectOption('#lang', 'en')]);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('.nb-title').innerText(), 'The three-way handshake');
  assert.equal(await page.locator('#nb-run-all').innerText(), 'Run all');
  page.assertClean();
  await page.close();
});
