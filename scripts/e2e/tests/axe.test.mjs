// Accessibility (issue 11): axe-core (pinned in this folder's lockfile)
// finds no serious or critical violation on any page or view: the
// playground fresh, after an example with each detail panel, a packet
// inspected, the menus and dialogs open, on a phone and in presentation
// mode; a notebook run to its end; the exercises list and an exercise;
// the packetdrill page with its sample. The playground has none at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, openPage, E2E } from '../lib/harness.mjs';

const AXE = readFileSync(join(E2E, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const site = useSite();

// audit runs axe on the page as it is and returns its violations as
// lines: impact, rule, and the elements.
async function audit(page) {
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ impact: v.impact, id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })));
  return found.map((v) => `${v.impact} ${v.id}: ${v.nodes.join(', ')}`);
}
const grave = (lines) => lines.filter((l) => /^(serious|critical) /.test(l));

async function playHandshake(page) {
  await page.click('#start-handshake');
  await page.click('#playing-skip', { timeout: 1000 }).catch(() => {});
  await page.waitForSelector('#playing[hidden]', { state: 'attached', timeout: 30000 });
}

test('the playground: fresh, after an example in every panel, a packet inspected, menus and dialogs open', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
  const seen = { fresh: await audit(page) };
  await playHandshake(page);
  for (const tab of await page.locator('.panels [role=tab]').all()) {
    await tab.click();
    seen[`panel ${await tab.innerText()}`] = await audit(page);
  }
  await page.click('#tab-inspector');
  await page.locator('#ladder g.arrow').first().click();
  await page.waitForSelector('#panel-inspector table.layer');
  seen['a packet inspected'] = await audit(page);
  await page.click('#examples-button');
  seen['the Examples menu'] = await audit(page);
  await page.keyboard.press('Escape');
  await page.click('#help-button');
  await page.waitForSelector('#help-dialog[open]');
  seen['the help'] = await audit(page);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  seen['a phone'] = await audit(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.click('#present-button');
  seen['presentation mode'] = await audit(page);
  const bad = Object.entries(seen).filter(([, v]) => v.length).map(([k, v]) => `${k}:\n  ${v.join('\n  ')}`);
  assert.deepEqual(bad, [], 'no violation of any impact');
  page.assertClean();
  await page.close();
});

test('a notebook run to its end', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=handshake`);
  await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
  await page.click('#nb-run-all');
  await page.waitForFunction(() => !document.querySelector('[data-state=running]') && document.querySelector('[data-state=fresh]'), null, { timeout: 60000 });
  assert.deepEqual(grave(await audit(page)), []);
  page.assertClean();
  await page.close();
});

test('the exercises list and an exercise', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  assert.deepEqual(grave(await audit(page)), [], 'the list');
  await page.goto(`${site.server.url}exercises.html?ex=close-time-wait`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  assert.deepEqual(grave(await audit(page)), [], 'an exercise');
  page.assertClean();
  await page.close();
});

test('the packetdrill page with its sample', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}pkt.html`);
  await page.click('#pkt-sample');
  await page.waitForSelector('#pkt-verdict.pass', { timeout: 60000 });
  assert.deepEqual(grave(await audit(page)), []);
  page.assertClean();
  await page.close();
});
