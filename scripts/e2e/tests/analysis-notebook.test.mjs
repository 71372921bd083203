// A notebook cell can show a graph as its output (issue 14): graph=KIND
// on its fence draws that graph of the session as the cell left it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, screenshot } from '../lib/harness.mjs';
import { encodeNotebookLink } from '../../../site/js/notebook/sharelink.mjs';

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
  const page = await openPage(browser.context, `${server.url}notebook.html#${await encodeNotebookLink(DOC)}`);
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
