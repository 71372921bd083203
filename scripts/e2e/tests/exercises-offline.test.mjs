// The Exercises page offline: after one visit to the list, with the server
// gone, an exercise opens, its goals are checked after every line, and the
// list shows it solved (progress in IndexedDB). The exercise is the
// half-open connection after a crash, typed through the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, exerciseLine, screenshot, READY_WAIT } from '../lib/harness.mjs';

const site = useSite({ serviceWorkers: 'allow' });

test('after one visit to the list an exercise is done with the server gone', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html`);
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 60000 });
  await site.server.stop();
  site.server = null;

  await page.goto(page.url().replace(/exercises\.html.*/, 'exercises.html?ex=close-half-open'));
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator('.nb-title').innerText(), 'A half-open connection after a crash');
  const lost = page.locator('#goal-lost');
  const reset = page.locator('#goal-reset');
  await exerciseLine(page, 'net> crash server');
  await exerciseLine(page, 'client> send(c, "are you there?")');
  await exerciseLine(page, 'net> step');
  assert.equal(await lost.getAttribute('data-met'), 'true');
  assert.equal(await reset.getAttribute('data-met'), 'false', 'a host that is down answers nothing');
  await page.fill('#ex-line', 'server> recv(a, 100)');
  await page.press('#ex-line', 'Enter');
  await page.waitForSelector('#ex-error:not([hidden])', { timeout: READY_WAIT });
  assert.match(await page.locator('#ex-error').innerText(), /server is down/);
  await exerciseLine(page, 'net> reboot server');
  await exerciseLine(page, 'net> run');
  await exerciseLine(page, 'client> recv(c, 100)');
  assert.equal(await reset.getAttribute('data-met'), 'true');
  assert.equal(await page.locator('#goal-learns').getAttribute('data-met'), 'true');
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'exercise-half-open-offline');
  await page.evaluate(() => globalThis.sockplayExercise.saving);

  await page.goto(page.url().replace(/exercises\.html.*/, 'exercises.html'));
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator('#ex-close-half-open').getAttribute('data-status'), 'par', 'solved in the par of 6 lines');
  page.assertClean();
  await page.close();
});
