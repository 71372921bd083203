// A learner with the Exercises page: a goal unmet, then met, after every
// line; a hint; progress kept across a reload; a question answered from
// their own trace; Submit, and the CLI grader gives the same score; another
// learner id gets other numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { useSite, openPage, exerciseLine, downloaded, screenshot, ROOT, READY_WAIT } from '../lib/harness.mjs';
import { EXERCISES } from '../../../site/js/exercise/list.mjs';

const site = useSite({ cli: true });

const EX = 'close-time-wait';

// finAck reads the server FIN's ack number (absolute) from the learner's
// own capture, as a learner reads tcpdump -S.
async function finAck(page) {
  const dump = await page.evaluate(() => globalThis.sockplayExercise.engine.tcpdump('client', true));
  const fin = dump.split('\n').find((l) => /10\.0\.0\.2\.80 > 10\.0\.0\.1\.\d+: Flags \[F/.test(l));
  return /ack (\d+)/.exec(fin)[1];
}

// ladderFits waits until the learner's ladder is drawn at its console's
// width: drawn again when the window is resized.
function ladderFits(page) {
  return page.waitForFunction(() => {
    const out = document.querySelector('.ex-run');
    const svg = out?.querySelector('svg.nb-ladder');
    return Boolean(svg) && Number(svg.getAttribute('width')) === Math.max(out.clientWidth, 320);
  }, null, { timeout: READY_WAIT });
}

async function setLearner(page, id) {
  await page.fill('#ex-learner', id);
  await page.press('#ex-learner', 'Enter');
  await page.waitForFunction((who) => globalThis.sockplayExercise?.learner === who
    && document.documentElement.dataset.ready === 'true', id, { timeout: READY_WAIT });
}

test('the list shows every exercise, new', async () => {
  const files = readdirSync(join(ROOT, 'core/exercises')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  const items = EXERCISES.flatMap((t) => t.items);
  assert.deepEqual(items.map(([id]) => id).sort(), files, 'site/js/exercise/list.mjs lists every exercise file');
  for (const [id, title] of items) {
    const text = readFileSync(join(ROOT, `core/exercises/${id}.md`), 'utf8');
    assert.equal(/^title: (.*)$/m.exec(text)[1], title.en, `${id}: the list's title is the file's`);
  }
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html`);
  assert.equal(await page.locator('.ex-list li').count(), files.length);
  assert.equal(await page.locator('.ex-list li[data-status="new"]').count(), files.length);
  for (const [w, hgt, name] of [[390, 844, 'phone'], [1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
    await page.setViewportSize({ width: w, height: hgt });
    await screenshot(page, `exercises-list-${name}`);
  }
  page.assertClean();
  await page.close();
});

test('goals tick after every line, a hint, a reload, a question, submit and the grader agrees', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html?ex=${EX}`);
  await setLearner(page, 'ada@example.edu');
  const goal = page.locator('#goal-client-time-wait');
  assert.equal(await goal.getAttribute('data-met'), 'false');
  assert.match(await goal.innerText(), /The client never entered TIME-WAIT/);

  // A line the exercise does not allow is refused and changes nothing.
  await page.fill('#ex-line', 'net> seed 4');
  await page.press('#ex-line', 'Enter');
  await page.waitForSelector('#ex-error:not([hidden])', { timeout: READY_WAIT });
  assert.match(await page.locator('#ex-error').innerText(), /the exercise chooses the seed/);

  await exerciseLine(page, 'client> close(c)');
  await exerciseLine(page, 'net> run');
  assert.equal(await goal.getAttribute('data-met'), 'false', 'FIN-WAIT-2 is not TIME-WAIT yet');
  await goal.locator('.ex-hint-btn').click();
  assert.match(await goal.locator('.ex-hint').innerText(), /Hint 1: TIME-WAIT belongs to the side that sends the first FIN/);
  await exerciseLine(page, 'server> close(a)');
  await exerciseLine(page, 'net> run');
  assert.equal(await goal.getAttribute('data-met'), 'true');
  assert.match(await goal.innerText(), /met at your line 4/);
  await goal.locator('.ex-line-link').click();
  assert.equal(await page.locator('.ex-run .entry.ex-target').count(), 1);
  assert.match(await page.locator('.ex-run .entry').nth(3).getAttribute('class'), /\bex-target\b/, 'the link marks the line that met it');
  assert.match(await page.locator('.ex-run .entry.ex-target').innerText(), /^net>\s*run/);
  await page.evaluate(() => globalThis.sockplayExercise.saving);

  for (const [w, hgt, name] of [[390, 844, 'phone'], [1366, 768, 'laptop'], [1920, 1080, 'projector']]) {
    await page.setViewportSize({ width: w, height: hgt });
    await ladderFits(page);
    await screenshot(page, `exercise-${name}`);
  }

  await page.reload();
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator('.ex-run .entry').count(), 4, 'the four lines came back');
  assert.equal(await page.locator('#goal-client-time-wait').getAttribute('data-met'), 'true');
  assert.equal(await page.locator('#goal-server-closed .ex-hint').count(), 0);

  // The question: a wrong number, then the one read from the own trace.
  await page.fill('#answer-fin-ack', '12345');
  await page.click('#question-fin-ack button');
  await page.waitForSelector('#question-fin-ack[data-correct="false"]', { timeout: READY_WAIT });
  assert.match(await page.locator('#question-fin-ack').innerText(), /not what your session says/);
  const ack = await finAck(page);
  await page.fill('#answer-fin-ack', ack);
  await page.click('#question-fin-ack button');
  await page.waitForSelector('#question-fin-ack[data-correct="true"]', { timeout: READY_WAIT });
  await page.selectOption('#answer-who', 'the client');
  await page.click('#question-who button');
  await page.waitForSelector('#question-who[data-correct="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator('#ex-score').getAttribute('data-points'), '5');
  assert.match(await page.locator('.ex-note').innerText(), /This score is practice: your teacher’s grader replays your lines and decides/);

  await page.click('#ex-solution');
  await page.click('#ex-solution-yes');
  assert.match(await page.locator('#ex-solution-lines').innerText(), /client> close\(c\)/);

  const file = await downloaded(page, '#ex-submit');
  assert.equal(file.name, `${EX}-ada@example.edu.json`);
  const graded = spawnSync(site.cli, ['grade', '--format', 'json', join(ROOT, `core/exercises/${EX}.md`), file.path], { encoding: 'utf8' });
  assert.equal(graded.status, 0, graded.stderr);
  const score = JSON.parse(graded.stdout).results[0].score;
  assert.equal(score.points, 5, 'the grader gives the page\'s score');
  assert.equal(score.learner, 'ada@example.edu');

  // Another learner, the same lines: other numbers.
  await setLearner(page, 'bob@example.edu');
  for (const line of ['client> close(c)', 'net> run', 'server> close(a)', 'net> run']) await exerciseLine(page, line);
  assert.notEqual(await finAck(page), ack, 'bob\'s FIN carries another ack number');
  await page.evaluate(() => globalThis.sockplayExercise.saving); // kept before the page is left

  await page.goto(`${site.server.url}exercises.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator(`#ex-${EX}`).getAttribute('data-status'), 'par', 'bob solved it at par');
  page.assertClean();
  await page.close();
});

test('progress exports as one file and imports back on another device', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}exercises.html?ex=${EX}`);
  await setLearner(page, 'eve@example.edu');
  await exerciseLine(page, 'client> close(c)');
  await page.evaluate(() => globalThis.sockplayExercise.saving);
  const file = await downloaded(page, '#ex-export');
  assert.equal(file.name, 'sockplay-progress.json');
  const records = JSON.parse(file.bytes.toString('utf8'));
  const eve = records.find((r) => r.learner === 'eve@example.edu');
  assert.deepEqual(eve?.lines, ['client> close(c)'], 'the file holds eve\'s lines');
  assert.ok(records.every((r) => typeof r.id === 'string' && Array.isArray(r.lines)), 'only progress records, not the page\'s settings');

  // Another device: nothing stored, then the file imported.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase('sockplay-exercises');
    del.onsuccess = resolve;
    del.onerror = () => reject(del.error);
  }));
  await page.goto(`${site.server.url}exercises.html?learner=eve@example.edu`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator(`#ex-${EX}`).getAttribute('data-status'), 'new');

  // A file that is not progress is refused and changes nothing.
  const bad = join(dirname(file.path), 'not-progress.json');
  writeFileSync(bad, JSON.stringify([eve, 'ada@example.edu']));
  await page.setInputFiles('#ex-import', bad);
  await page.waitForSelector('#loading.failed', { timeout: READY_WAIT });
  assert.match(await page.locator('#loading').innerText(), /not-progress\.json: not a sockplay progress file/);
  await page.goto(`${site.server.url}exercises.html?learner=eve@example.edu`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator(`#ex-${EX}`).getAttribute('data-status'), 'new', 'the refused file stored nothing');

  await Promise.all([page.waitForEvent('load'), page.setInputFiles('#ex-import', file.path)]);
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.equal(await page.locator(`#ex-${EX}`).getAttribute('data-status'), 'started');
  await page.click(`#ex-${EX} a`);
  await page.waitForSelector('html[data-ready="true"] .ex-run .entry', { timeout: READY_WAIT });
  assert.equal(await page.locator('.ex-run .entry').count(), 1, 'eve\'s line came back');
  page.assertClean();
  await page.close();
});
