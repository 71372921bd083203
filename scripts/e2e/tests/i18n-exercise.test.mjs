// The Exercises page in Simplified Chinese (issue 15): the page's words,
// the exercise's task, goals and hints from its translation
// (exercises/zh-CN/ID.md); the learner's lines meet the same goals, and
// the teacher's grader, reading the English exercise, gives the same score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { useSite, openPage, exerciseLine, downloaded, screenshot, ROOT } from '../lib/harness.mjs';

const site = useSite({ cli: true });
const EX = 'close-time-wait';

test('zh-CN: an exercise in Chinese, solved; the English grader gives the page\'s score', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html?ex=${EX}&lang=zh-CN`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.fill('#ex-learner', 'li@example.edu');
  await page.press('#ex-learner', 'Enter');
  await page.waitForFunction(() => globalThis.sockplayExercise?.learner === 'li@example.edu'
    && document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
  assert.equal(await page.locator('.nb-title').innerText(), '谁最后处于 TIME-WAIT');
  assert.equal(await page.locator('#ex-submit').innerText(), '提交');
  const goal = page.locator('#goal-client-time-wait');
  assert.match(await goal.innerText(), /客户端从未进入 TIME-WAIT/);
  assert.match(await goal.innerText(), /entered client TIME-WAIT/, 'the goal itself as written');

  await exerciseLine(page, 'client> close(c)');
  await exerciseLine(page, 'net> run');
  await goal.locator('.ex-hint-btn').click();
  assert.match(await goal.locator('.ex-hint').innerText(), /^提示 1：TIME-WAIT 属于发出第一个 FIN 的一方/);
  await exerciseLine(page, 'server> close(a)');
  await exerciseLine(page, 'net> run');
  assert.equal(await goal.getAttribute('data-met'), 'true');
  assert.match(await goal.innerText(), /达成于你的第 4 行/);
  const dump = await page.evaluate(() => globalThis.sockplayExercise.engine.tcpdump('client', true));
  const fin = dump.split('\n').find((l) => /10\.0\.0\.2\.80 > 10\.0\.0\.1\.\d+: Flags \[F/.test(l));
  await page.fill('#answer-fin-ack', /ack (\d+)/.exec(fin)[1]);
  await page.click('#question-fin-ack button');
  await page.waitForSelector('#question-fin-ack[data-correct="true"]', { timeout: 15000 });
  await page.selectOption('#answer-who', 'the client');
  await page.click('#question-who button');
  await page.waitForSelector('#question-who[data-correct="true"]', { timeout: 15000 });
  assert.equal(await page.locator('#ex-score').getAttribute('data-points'), '5');
  assert.match(await page.locator('#ex-score').innerText(), /^练习得分 5\/5/);
  for (const [w, h, name] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `i18n-exercise-${name}`);
  }

  const file = await downloaded(page, '#ex-submit');
  const graded = spawnSync(site.cli, ['grade', '--format', 'json', join(ROOT, `core/exercises/${EX}.md`), file.path], { encoding: 'utf8' });
  assert.equal(graded.status, 0, graded.stderr);
  assert.equal(JSON.parse(graded.stdout).results[0].score.points, 5, 'the English exercise grades the Chinese one\'s lines the same');

  // The list, in Chinese, with the exercise solved.
  await page.goto(`${site.server.url}exercises.html?lang=zh-CN`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.locator('.nb-title').innerText(), '练习');
  assert.equal(await page.locator(`#ex-${EX} a`).innerText(), '谁最后处于 TIME-WAIT');
  assert.match(await page.locator(`#ex-${EX} a`).getAttribute('href'), /lang=zh-CN/);
  assert.equal(await page.locator(`#ex-${EX} .ex-status`).innerText(), '以标准行数完成');
  await screenshot(page, 'i18n-exercises-list');
  page.assertClean();
  await page.close();
});
