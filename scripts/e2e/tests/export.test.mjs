// Export: the pcap opens in tcpdump, the script downloads, and a share link
// opened in a new page rebuilds the same session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { useSite, openPage, type, arrowLabels, screenshot, engineCall, downloaded } from '../lib/harness.mjs';

const site = useSite();

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

// downloadFrom saves what Export > kind downloads and returns its path.
async function downloadFrom(page, kind) {
  await page.click('#export-button');
  return (await downloaded(page, `[data-export="${kind}"]`)).path;
}

test('the pcap download reads back with tcpdump -nn -r', async () => {
  const page = await openPage(site.browser.context, site.server.url);
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
  const page = await openPage(site.browser.context, site.server.url);
  await session(page);
  await page.click('#share-button');
  await page.waitForSelector('#share-dialog[open]');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#z=[A-Za-z0-9_-]+$/);
  await screenshot(page, 'share-dialog');
  const labels = await arrowLabels(page);
  const dump = await engineCall(page, 'tcpdump', '', false);

  const other = await openPage(site.browser.context, url);
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
  const page = await openPage(site.browser.context, `${site.server.url}#z=AAAAbroken`);
  await page.waitForSelector('html[data-shared="done"]');
  assert.match(await page.locator('#toast').innerText(), /damaged/);
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  page.assertClean();
  await page.close();
});
