// A student with the notebook page: run all, every cell drawn with the
// playground's renderers; an edit marks later cells stale and survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, screenshot } from '../lib/harness.mjs';
import { TUTORIALS } from '../../../site/js/notebook/tutorials.mjs';

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

test('run all, edit, stale marking, autosave across a reload', async () => {
  const page = await openPage(browser.context, `${server.url}notebook.html`);
  assert.equal(await page.locator('.nb-title').innerText(), 'A first notebook');
  assert.match(await page.locator('.nb-prose a').first().getAttribute('href'), /^https:/);
  await page.click('#nb-run-all');
  await page.waitForSelector('#talk[data-state="fresh"]');
  assert.match(await page.locator('#talk .nb-transcript').innerText(), /hello/);
  const arrows = await page.locator('#connect svg.nb-ladder g.arrow').count();
  assert.ok(arrows >= 3, `the handshake's arrows in the connect cell: ${arrows}`);
  await page.locator('#connect svg.nb-ladder g.arrow').first().click();
  await page.waitForSelector('#connect .nb-inspector .inspector');

  for (const [w, hgt, name] of [[390, 844, 'phone'], [1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
    await page.setViewportSize({ width: w, height: hgt });
    await screenshot(page, `notebook-${name}`);
  }

  await page.locator('#connect textarea').fill('client> c = socket(AF_INET, SOCK_STREAM)\nclient> bnd(c)');
  assert.equal(await page.locator('#talk').getAttribute('data-state'), 'stale');
  assert.equal(await page.locator('#listen').getAttribute('data-state'), 'fresh');
  await page.click('#connect .nb-run');
  await page.waitForSelector('#connect[data-state="failed"]');
  assert.match(await page.locator('#connect .err').innerText(), /column/);
  await page.waitForFunction(() => document.documentElement.dataset.modified === 'true');
  await page.evaluate(() => globalThis.sockplayNotebook.saving);

  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.match(await page.locator('#connect textarea').inputValue(), /bnd\(c\)/, 'the edit came back');
  assert.equal(await page.locator('#nb-modified').isHidden(), false, 'says modified locally');
  await page.click('#nb-revert');
  assert.match(await page.locator('#connect textarea').inputValue(), /connect\(c, server:80\)/);
  page.assertClean();
  await page.close();
});

test('every bundled tutorial runs to its last cell without an error', async () => {
  const page = await openPage(browser.context, `${server.url}notebook.html`);
  for (const { name, title } of TUTORIALS) {
    await page.goto(`${server.url}notebook.html?nb=${name}`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('.nb-title').innerText(), title);
    assert.equal(await page.locator('#nb-tutorial').inputValue(), name, 'the menu names it');
    const cells = await page.locator('.nb-cell').count();
    await page.click('#nb-run-all');
    await page.waitForFunction(() => document.documentElement.dataset.ran);
    assert.equal(await page.locator('.nb-cell[data-state="fresh"]').count(), cells, `${name}: every cell ran`);
    assert.equal(await page.locator('.nb-output .err').count(), 0, `${name}: no line was refused`);
  }
  await page.selectOption('#nb-tutorial', 'handshake');
  await page.waitForURL(/nb=handshake/);
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('#nb-run-all');
  // A later cell's segments are numbered from the connection's SYN of an
  // earlier cell: the final ACK reads ack 1, as tcpdump says.
  await page.waitForSelector('#ack[data-state="fresh"]');
  const labels = await page.$$eval('#ack svg.nb-ladder g.arrow text.label', (ts) => ts.map((t) => t.textContent));
  assert.ok(labels.some((l) => /^#\d+ ACK ack 1$/.test(l)), labels.join(' | '));
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'notebook-handshake-phone');
  page.assertClean();
  await page.close();
});
