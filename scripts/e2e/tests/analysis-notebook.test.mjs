// A notebook cell can show a graph as its output (issue 14): graph=KIND
// on its fence draws that graph of the session as the cell left it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite, openPage, downloaded, screenshot, IS_FIREFOX, ARTIFACTS } from '../lib/harness.mjs';
import { encodeNotebookLink } from '../../../site/js/notebook/sharelink.mjs';

const site = useSite();

const DOC = `---
title: Graphs in cells
seed: 1
---
A download with one loss.

\`\`\`sock id=setup
net> latency 20ms
server> s = socket(AF_INET, SOCK_STREAM)
server> setsockopt(s, SOL_SOCKET, SO_SNDBUF, 1048576)
server> bind(s, 0.0.0.0:80)
server> listen(s, 5)
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
net> run
server> a = accept(s)
client> recv(c, 100000, MSG_WAITALL)
server> send(a, "x" * 100000)
\`\`\`

\`\`\`sock id=early graph=tcptrace
net> step 20
\`\`\`

\`\`\`sock id=loss graph=cwnd
net> drop
net> run
\`\`\`

\`\`\`sock id=wrong graph=pie
net> wait 1s
\`\`\`
`;

test('cells draw the graphs their fences ask for, each as the cell left the session', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html#${await encodeNotebookLink(DOC)}`);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.click('#nb-run-all');
  await page.waitForSelector('.nb-graph[data-graph="cwnd"] canvas');
  const early = page.locator('.nb-graph[data-graph="tcptrace"]');
  assert.match(await early.locator('figcaption').innerText(), /Time-sequence graph \(tcptrace\): 10\.0\.0\.2:80 → 10\.0\.0\.1:\d+/);
  const legendEarly = await early.locator('.graph-legend').innerText();
  assert.ok(!/retransmission/.test(legendEarly), 'nothing was resent yet when this cell ended');
  const cwnd = page.locator('.nb-graph[data-graph="cwnd"]');
  assert.match(await cwnd.locator('.graph-legend').innerText(), /slow start[\s\S]*recovery/);
  assert.match(await page.locator('.nb-graph-problem').innerText(), /graph=pie: the graphs are tcptrace, stevens, cwnd, throughput, rtt/);
  await cwnd.scrollIntoViewIfNeeded();
  await screenshot(page, 'analysis-notebook-cwnd');
  // a point opens its packet in the cell's inspector
  await cwnd.locator('canvas').focus();
  await page.keyboard.press(']');
  await page.keyboard.press('Enter');
  const tip = await cwnd.locator('.graph-tip').innerText();
  const id = /packet #(\d+)/.exec(tip)[1];
  await page.waitForSelector('#loss ~ * .nb-inspector:not([hidden]), .nb-inspector:not([hidden])');
  assert.match(await page.locator('.nb-inspector:not([hidden]) h3').first().innerText(), new RegExp(`Packet #${id}\\b`));
  page.assertClean();
  await page.close();
});

// exported clicks a More menu item and returns the text of the file it downloads.
async function exported(page, button) {
  await page.click('.nb-more summary');
  return (await downloaded(page, button)).bytes.toString('utf8');
}

test('the static page and the .ipynb carry each cell\'s graph as SVG', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html#${await encodeNotebookLink(DOC)}`);
  await page.setViewportSize({ width: 1366, height: 900 });
  const html = await exported(page, '#nb-export-html');
  assert.doesNotMatch(html, /<script/i);
  const graphs = [...html.matchAll(/<section class="cell" id="([\w-]+)">(?:(?!<\/section>)[\s\S])*?<figure class="graph">(<svg [\s\S]*?<\/svg>)/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(graphs.map(([id]) => id), ['early', 'loss'], 'a figure for each cell that asks for a graph');
  assert.match(graphs[0][1], /<title>Time-sequence graph \(tcptrace\): 10\.0\.0\.2:80 → 10\.0\.0\.1:\d+<\/title>/);
  assert.match(graphs[1][1], /<title>Congestion window[^<]*<\/title>/);
  const ids = [...html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, `clip paths have ids of their own in the one page: ${ids}`);

  const copy = await site.browser.context.newPage();
  await copy.route('**/*', (route) => route.abort()); // it needs nothing from anywhere
  await copy.setContent(html);
  await copy.setViewportSize({ width: 1366, height: 900 });
  assert.equal(await copy.locator('figure.graph svg').count(), 2);
  const drawn = await copy.$$eval('figure.graph svg', (svgs) => svgs.map((s) => s.querySelectorAll('path, rect').length));
  assert.ok(drawn.every((n) => n > 20), `every graph has its lines and bars: ${drawn}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  await copy.locator('#loss figure.graph').screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}analysis-notebook-export-html.png`) });
  await copy.close();

  const nb = JSON.parse(await exported(page, '#nb-export-ipynb'));
  const svgsOf = (id) => nb.cells.find((c) => c.id === id).outputs.filter((o) => /^a graph of cell/.test(o.data?.['text/plain']?.[0] ?? '')).map((o) => o.data['image/svg+xml'].join(''));
  assert.equal(svgsOf('early').length, 1);
  assert.match(svgsOf('loss')[0], /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*Congestion window/);
  assert.equal(svgsOf('setup').length, 0);
  const file = join(mkdtempSync(join(tmpdir(), 'sockplay-nbgraph-')), 'graphs.ipynb');
  writeFileSync(file, JSON.stringify(nb));
  const check = spawnSync('/usr/bin/python3', ['-c', 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))', file], { encoding: 'utf8' });
  if (check.error || /No module named/.test(check.stderr)) {
    assert.ok(!process.env.CI, 'python3-nbformat is missing: scripts/test.sh installs it');
  } else {
    assert.equal(check.status, 0, check.stderr);
  }
  page.assertClean();
  await page.close();
});
