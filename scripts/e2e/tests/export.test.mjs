// Export: the pcap opens in tcpdump, the script downloads, and a share link
// opened in a new page rebuilds the same session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, type, arrowLabels, screenshot, engineCall, IS_FIREFOX } from '../lib/harness.mjs';

let server;
let browser;
let dir;
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'sockplay-export-'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function session(page) {
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'bind(s, 0.0.0.0:80)');
  await type(page, 'server', 'listen(s, 5)');
  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(c, server:80)');
  await type(page, 'net', 'run');
  await type(page, 'server', 'a = accept(s)');
  await type(page, 'client', 'send(c, "hello <b>world</b>")');
  await type(page, 'net', 'run');
}

async function downloadFrom(page, kind) {
  await page.click('#export-button');
  if (IS_FIREFOX) return firefoxDownload(page, kind);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

// Firefox over WebDriver BiDi reports downloads of data: URLs but not of
// blob: URLs, which the page uses; there the test keeps the Blob and the
// file name the page gives its download link, and saves them itself.
async function firefoxDownload(page, kind) {
  await page.evaluate(() => {
    if (globalThis.saved) return;
    globalThis.saved = {};
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob) => { globalThis.saved.blob = blob; return createObjectURL(blob); };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function clickAndNote() {
      if (this.download) globalThis.saved.name = this.download;
      return click.call(this);
    };
  });
  await page.click(`[data-export="${kind}"]`);
  const { name, bytes } = await page.evaluate(async () => {
    const { name, blob } = globalThis.saved;
    return { name, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
  });
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(bytes));
  return path;
}

test('the pcap download reads back with tcpdump -nn -r', async () => {
  const page = await openPage(browser.context, server.url);
  await session(page);
  const pcap = await downloadFrom(page, 'pcap');
  assert.match(pcap, /\.pcap$/);
  const text = execFileSync('/usr/bin/tcpdump', ['-nn', '-r', pcap], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = text.trim().split('\n');
  assert.ok(lines.length >= 5, text);
  assert.match(lines[0], /IP 10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.80: Flags \[S\]/);
  assert.ok(lines.some((l) => /Flags \[P\.\].*length 18/.test(l)), text);
  // The page's own tcpdump text tells the same story, line for line.
  const ours = (await engineCall(page, 'tcpdump', '', false)).trim().split('\n');
  assert.equal(ours.length, lines.length);
  const strip = (l) => l.replace(/^\S+\s+/, '').replace(/, options \[.*?\]/, '');
  assert.deepEqual(ours.map(strip), lines.map(strip));

  const script = readFileSync(await downloadFrom(page, 'script'), 'utf8');
  assert.match(script, /client> connect\(c, server:80\)/);
  const dump = readFileSync(await downloadFrom(page, 'tcpdump'), 'utf8');
  assert.match(dump, /Flags \[S\.\]/);
  page.assertClean();
  await page.close();
});

test('a share link opened in a new page shows the same diagram', async () => {
  const page = await openPage(browser.context, server.url);
  await session(page);
  await page.click('#share-button');
  await page.waitForSelector('#share-dialog[open]');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#z=[A-Za-z0-9_-]+$/);
  await screenshot(page, 'share-dialog');
  const labels = await arrowLabels(page);
  const dump = await engineCall(page, 'tcpdump', '', false);

  const other = await openPage(browser.context, url);
  await other.waitForSelector('html[data-shared="done"]');
  assert.deepEqual(await arrowLabels(other), labels);
  assert.equal(await engineCall(other, 'tcpdump', '', false), dump);
  assert.ok((await other.locator('#host-client .scrollback').innerText()).includes('hello <b>world</b>'));
  await screenshot(other, 'shared-session');
  page.assertClean();
  other.assertClean();
  await other.close();
  await page.close();
});

test('a damaged share link is reported, not fatal', async () => {
  const page = await openPage(browser.context, `${server.url}#z=AAAAbroken`);
  await page.waitForSelector('html[data-shared="done"]');
  assert.match(await page.locator('#toast').innerText(), /damaged/);
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  page.assertClean();
  await page.close();
});
