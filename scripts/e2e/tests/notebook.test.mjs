// A student with the notebook page: run all, every cell drawn with the
// playground's renderers; an edit marks later cells stale and survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';
import { NOTEBOOKS } from '../../../site/js/notebook/tutorials.mjs';

const site = useSite();

test('run all, edit, stale marking, autosave across a reload', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
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
  await page.click('#nb-compare');
  const diff = (await page.locator('#nb-compare-diff').innerText()).split('\n');
  assert.ok(diff.includes('- client> connect(c, server:80)') && diff.includes('+ client> bnd(c)'), diff.join('\n'));
  await page.click('#nb-compare-close');
  await page.click('#nb-revert');
  assert.match(await page.locator('#connect textarea').inputValue(), /connect\(c, server:80\)/);
  page.assertClean();
  await page.close();
});

test('every bundled tutorial, and the format\'s reference (a notebook), runs to its last cell without an error', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
  for (const { name, title } of NOTEBOOKS) {
    await page.goto(`${site.server.url}notebook.html?nb=${name}`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('.nb-title').innerText(), title.en);
    assert.equal(await page.locator('#nb-tutorial').inputValue(), name, 'the menu names it');
    const cells = await page.locator('.nb-cell').count();
    await page.click('#nb-run-all');
    await page.waitForFunction(() => document.documentElement.dataset.ran);
    assert.equal(await page.locator('.nb-cell[data-state="fresh"]').count(), cells, `${name}: every cell ran`);
    assert.equal(await page.locator('.nb-output .err').count(), 0, `${name}: no line was refused`);
  }
  await page.selectOption('#nb-tutorial', 'format'); // the reference is in the menu
  await page.waitForURL(/nb=format/);
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('.nb-title').innerText(), 'The notebook format');
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

test('no hidden state: an edit stales the cells below; running the last cell replays them in order', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=close`);
  await page.click('#nb-run-all');
  await page.waitForSelector('#time-wait[data-state="fresh"]');
  const listen = page.locator('#setup textarea');
  const original = await listen.inputValue();
  await listen.fill(original.replace('0.0.0.0:80', '0.0.0.0:8080'));
  assert.equal(await page.locator('#setup').getAttribute('data-state'), 'edited');
  for (const id of ['client-fin', 'eof', 'server-fin', 'time-wait']) {
    assert.equal(await page.locator(`#${id}`).getAttribute('data-state'), 'stale', id);
  }
  // Running the last cell replays every cell before it with the new text:
  // the client's connect to port 80 finds nobody listening, accept blocks,
  // and the server's recv in the third cell is refused.
  await page.click('#time-wait .nb-run');
  await page.waitForSelector('#eof[data-state="failed"]');
  assert.match(await page.locator('#setup .nb-transcript').innerText(), /ECONNREFUSED/);
  assert.match(await page.locator('#eof .nb-transcript').innerText(), /blocked/);
  assert.equal(await page.locator('#setup').getAttribute('data-state'), 'fresh');
  for (const id of ['server-fin', 'time-wait']) {
    assert.equal(await page.locator(`#${id}`).getAttribute('data-state'), 'stale', `${id}: nothing after a refused line shows as run`);
  }
  // Undoing the edit makes the outputs made from the original text good
  // again (they are a function of the sources); the others are now stale.
  await listen.fill(original);
  const states = await page.$$eval('.nb-cell', (cs) => cs.map((c) => `${c.id}:${c.dataset.state}`));
  assert.deepEqual(states, ['setup:edited', 'client-fin:stale', 'eof:stale', 'server-fin:fresh', 'time-wait:fresh']);
  assert.equal(await page.locator('#nb-modified').isHidden(), true, 'the text is the shipped one again');
  await page.evaluate(() => globalThis.sockplayNotebook.saving);
  page.assertClean();
  await page.close();
});

test('prose is edited in place; a sock fence typed in it becomes a cell; the front matter changes the seed', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
  await page.click('#nb-run-all');
  await page.waitForSelector('#talk[data-state="fresh"]');
  const first = page.locator('.nb-prose').first();
  await first.hover();
  await first.locator('.nb-edit').click();
  await first.locator('textarea').fill('A **changed** intro.\n\n```sock id=extra\nclient> x = socket(AF_INET, SOCK_DGRAM)\n```\n\nAfter the new cell.\n');
  await first.getByRole('button', { name: 'Done' }).click();
  assert.equal(await page.locator('.nb-prose strong').first().innerText(), 'changed');
  assert.equal(await page.locator('#extra textarea').inputValue(), 'client> x = socket(AF_INET, SOCK_DGRAM)');
  assert.equal(await page.locator('#extra').getAttribute('data-state'), 'never');
  assert.equal(await page.locator('#listen').getAttribute('data-state'), 'stale', 'a cell inserted above stales the cells below');
  await page.click('#talk .nb-run');
  await page.waitForSelector('#talk[data-state="fresh"]');
  assert.equal(await page.locator('#extra').getAttribute('data-state'), 'fresh');
  assert.match(await page.locator('#extra .nb-transcript').innerText(), /= 3/);

  await page.locator('.nb-front summary').click();
  await page.locator('.nb-front textarea').fill('title: A first notebook\nseed: 7\n');
  await page.locator('.nb-front').getByRole('button', { name: 'Apply' }).click();
  assert.equal(await page.locator('.nb-cell[data-state="stale"]').count(), 4, 'a new seed stales every cell');
  await page.locator('.nb-front summary').click();
  await page.locator('.nb-front textarea').fill('seed: [');
  await page.locator('.nb-front').getByRole('button', { name: 'Apply' }).click();
  assert.match(await page.locator('.nb-front .nb-problem').innerText(), /line \d+, column \d+/);
  await page.waitForFunction(() => document.documentElement.dataset.modified === 'true');
  await page.evaluate(() => globalThis.sockplayNotebook.saving);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('#extra textarea').inputValue(), 'client> x = socket(AF_INET, SOCK_DGRAM)', 'the edit autosaved');
  await page.click('#nb-revert');
  await page.waitForSelector('#extra', { state: 'detached' });
  page.assertClean();
  await page.close();
});

test('HTML, scripts and javascript: links in a document stay text', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
  const evil = [
    '---', 'title: "<img src=x onerror=alert(1)>"', 'seed: 1', '---',
    '<script>alert(2)</script>', '', '<img src=x onerror="alert(3)">', '',
    '[click](javascript:alert(4)) [data](data:text/html,<script>alert(5)</script>) [ok](https://example.org/)', '',
    '```sock id=x', 'server> s = socket(AF_INET, SOCK_STREAM) # <b>bold</b>', '```', '',
  ].join('\n');
  await page.setInputFiles('#nb-open', { name: 'evil.md', mimeType: 'text/markdown', buffer: Buffer.from(evil) });
  await page.waitForSelector('#x');
  assert.equal(await page.locator('.nb-title').innerText(), '<img src=x onerror=alert(1)>');
  assert.equal(await page.locator('#notebook img, #notebook script').count(), 0, 'no element came from the document');
  const hrefs = await page.$$eval('#notebook .nb-prose a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['https://example.org/']);
  assert.match(await page.locator('.nb-prose').first().innerText(), /<script>alert\(2\)<\/script>/);
  await page.click('#nb-run-all');
  await page.waitForSelector('#x[data-state="fresh"]');
  assert.equal(await page.locator('#notebook b').count(), 0);
  page.assertClean(); // an alert would have been an unexpected dialog
  await page.close();
});
