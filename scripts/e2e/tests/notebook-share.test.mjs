// Getting notebooks in and out of the page: share links (and forged
// ones), a dropped file (and one too big), save in place through the File
// System Access API, the session's .sock script and .pcap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useSite, openPage, type, downloaded, IS_FIREFOX } from '../lib/harness.mjs';

const site = useSite();


test('a share link carries the edited notebook; a forged one says so and changes nothing', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=handshake`);
  await page.locator('#listen textarea').fill('server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:8443)');
  await page.click('#nb-share');
  const url = await page.locator('#nb-share-url').inputValue();
  assert.match(url, /notebook\.html#md=[A-Za-z0-9_-]+$/);
  await page.click('#nb-share-close');

  const other = await openPage(site.browser.context, url);
  assert.equal(await other.locator('.nb-title').innerText(), 'The three-way handshake');
  assert.match(await other.locator('#listen textarea').inputValue(), /8443/);
  assert.equal(await other.locator('#nb-modified').isHidden(), true, 'a shared notebook is its own document');
  other.assertClean();
  await other.close();

  const forged = await openPage(site.browser.context, url.slice(0, -12));
  assert.match(await forged.locator('#loading').innerText(), /cannot be opened: the notebook link is damaged or cut short/);
  assert.equal(await forged.locator('.nb-title').innerText(), 'A first notebook', 'the page still works');
  forged.assertClean();
  await forged.close();
  await page.click('#nb-revert');
  page.assertClean();
  await page.close();
});

test('a dropped .md opens; a huge file is refused; .sock and .pcap come from the whole run', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html`);
  const drop = (name, text) => page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'text/markdown' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);
  await drop('huge.md', 'x'.repeat((1 << 20) + 1));
  await page.waitForFunction(() => /huge\.md is \d+ bytes/.test(document.querySelector('#toast').textContent));
  assert.equal(await page.locator('.nb-title').innerText(), 'A first notebook');
  await drop('mine.md', '---\ntitle: Mine\nseed: 5\n---\n```sock id=one\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n```\n');
  await page.waitForSelector('#one');
  assert.equal(await page.locator('.nb-title').innerText(), 'Mine');

  await page.click('.nb-more summary');
  const sock = await downloaded(page, '#nb-export-sock');
  assert.equal(sock.name, 'mine.sock');
  const out = execFileSync('go', ['run', './core/cmd/sockplay', 'run', '-seed', '5', sock.path], { cwd: join(import.meta.dirname, '../../..'), encoding: 'utf8' });
  assert.match(out, /connect\(c, server:80\) = 0/, 'the script runs with sockplay run');
  await page.click('.nb-more summary');
  const pcap = await downloaded(page, '#nb-export-pcap');
  const dump = execFileSync('/usr/bin/tcpdump', ['-nn', '-r', pcap.path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(dump.split('\n')[0], /Flags \[S\]/);
  assert.equal(dump.trim().split('\n').length, 3, 'the handshake');
  page.assertClean();
  await page.close();
});

test('a file opened through the File System Access API saves back in place', { skip: IS_FIREFOX && 'Firefox has no showOpenFilePicker' }, async () => {
  const context = site.browser.context;
  const page = await context.newPage();
  // The picker needs a user's choice; a handle of the API's shape stands in for the file.
  await page.addInitScript(() => {
    globalThis.written = [];
    let content = '---\ntitle: On disk\nseed: 1\n---\n```sock id=d\nserver> s = socket(AF_INET, SOCK_STREAM)\n```\n';
    const handle = {
      kind: 'file', name: 'disk.md',
      getFile: async () => new File([content], 'disk.md', { type: 'text/markdown' }),
      requestPermission: async () => 'granted',
      createWritable: async () => {
        let next = '';
        return { write: async (t) => { next += t; }, close: async () => { content = next; globalThis.written.push(next); } };
      },
    };
    globalThis.showOpenFilePicker = async () => [handle];
  });
  await page.goto(`${site.server.url}notebook.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('#nb-open-label');
  await page.waitForSelector('#d');
  assert.equal(await page.locator('#nb-save-in-place').isVisible(), true);
  await page.locator('#d textarea').fill('server> s = socket(AF_INET, SOCK_DGRAM)');
  await page.click('#nb-save-in-place');
  await page.waitForFunction(() => globalThis.written.length === 1);
  assert.match(await page.evaluate(() => globalThis.written[0]), /```sock id=d\nserver> s = socket\(AF_INET, SOCK_DGRAM\)\n```/);
  await page.close();
});

test('the playground opens its session as a notebook whose cells replay it', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  for (const [host, line] of [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'], ['net', 'run'], ['server', 'ss']]) {
    await type(page, host, line);
  }
  await page.click('#export-button');
  const [nb] = await Promise.all([site.browser.context.waitForEvent('page'), page.click('[data-export="notebook"]')]);
  await nb.waitForSelector('html[data-ready="true"]');
  assert.equal(await nb.locator('.nb-title').innerText(), 'A playground session');
  assert.deepEqual(await nb.$$eval('.nb-cell', (cs) => cs.map((c) => c.id)), ['step-1', 'step-2']);
  await nb.click('#nb-run-all');
  await nb.waitForSelector('#step-2[data-state="fresh"]');
  assert.match(await nb.locator('#step-2 .nb-transcript').innerText(), /ESTAB/);
  nb.assertClean?.();
  await nb.close();
  page.assertClean();
  await page.close();
});
