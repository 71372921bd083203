// A teacher saves a playground session as an exercise: the draft's goals
// come from what the session made happen, the engine's check passes it,
// edits survive a reload, and the downloaded file passes the CLI's
// exercise check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { useSite, openPage, openedBy, typeAll, exerciseLine, downloaded, screenshot, ESTABLISHED, READY_WAIT } from '../lib/harness.mjs';

const site = useSite({ cli: true });

const SESSION = [...ESTABLISHED, ['client', 'close(c)'], ['net', 'run'], ['server', 'close(a)'], ['net', 'run']];

// authorPage types a session in the playground and opens it with Export >
// Save as an exercise. (A draft is kept per session: two tests that want
// a fresh draft type different sessions.)
async function authorPage(session = SESSION) {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page, session);
  await page.click('#export-button');
  return { page, au: await openedBy(page, '[data-export="exercise"]') };
}

test('the playground session becomes an exercise that passes the check', async () => {
  const { page, au } = await authorPage();
  assert.equal(await au.locator('.nb-title').innerText(), 'New exercise from a session');
  assert.equal(await au.locator('#au-lines li').count(), SESSION.length);

  // The handshake is the setup; the close is the learner's task.
  await au.fill('#au-title', 'Who ends in TIME-WAIT, by a teacher');
  await au.fill('#au-setup', '7');
  assert.equal(await au.locator('#au-lines li.au-setup-line').count(), 7);
  await au.click('#au-draft');
  const text = await au.inputValue('#au-text');
  assert.match(text, /id: who-ends-in-time-wait-by-a-teacher/);
  assert.match(text, /```sock id=setup\nserver> s = socket/);
  assert.match(text, /entered client TIME-WAIT/);
  assert.match(text, /hint: The reference solution met it with `net> run`/);
  assert.match(text, /```solution\nclient> close\(c\)\n/);
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok="true"]', { timeout: READY_WAIT });
  assert.match(await au.locator('#au-result').innerText(), /ok: who-ends-in-time-wait-by-a-teacher, \d+ goals, 1 questions, 0 wrong attempts, par 4/);

  // A goal the solution cannot meet fails the check, and the edit is kept.
  await au.fill('#au-text', text.replace('**Your task:** say what to do.', '**Your task:** close the connection from the client.')
    .replace('entered client TIME-WAIT', 'entered server TIME-WAIT'));
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok="false"]', { timeout: READY_WAIT });
  assert.match(await au.locator('#au-result').innerText(), /the reference solution does not meet goal/);
  await au.evaluate(() => globalThis.sockplayAuthor.saving);
  await au.reload();
  await au.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  assert.match(await au.inputValue('#au-text'), /close the connection from the client/, 'the edit survived the reload');
  await au.fill('#au-text', (await au.inputValue('#au-text')).replace('entered server TIME-WAIT', 'entered client TIME-WAIT'));
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok="true"]', { timeout: READY_WAIT });
  for (const [w, hgt, name] of [[390, 844, 'phone'], [1366, 768, 'laptop']]) {
    await au.setViewportSize({ width: w, height: hgt });
    await screenshot(au, `exercise-author-${name}`);
  }

  const file = await downloaded(au, '#au-download');
  assert.equal(file.name, 'who-ends-in-time-wait-by-a-teacher.md');
  assert.match(readFileSync(file.path, 'utf8'), /close the connection from the client/);
  const check = spawnSync(site.cli, ['exercise', 'check', file.path], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /ok \(\d+ goals, 1 questions, 0 wrong attempts, par 4\)/);
  au.assertClean();
  await au.close();
  page.assertClean();
  await page.close();
});

test('the goal editor writes goal lines tried on the draft, and the draft is tried as a learner', async () => {
  const { page, au } = await authorPage([...SESSION, ['server', 'ss']]);
  await au.fill('#au-title', 'The server closes too');
  await au.fill('#au-setup', '7');
  await au.click('#au-draft');
  await au.click('#au-goal summary');
  const verdict = au.locator('#au-goal-verdict');

  // The choices write the line; the engine tries it on the solution.
  await au.selectOption('#au-goal-host', 'client');
  await au.selectOption('#au-goal-state', 'TIME-WAIT');
  assert.equal(await au.inputValue('#au-goal-line'), 'entered client TIME-WAIT');
  assert.equal(await verdict.getAttribute('data-ok'), 'true');
  assert.match(await verdict.innerText(), /Met by the reference solution at its line 4, for every learner/);

  await au.selectOption('#au-goal-kind', 'socket');
  await au.selectOption('#au-goal-host', 'server');
  await au.fill('#au-goal-port', '80');
  await au.selectOption('#au-goal-state', 'LISTEN');
  assert.equal(await au.inputValue('#au-goal-line'), 'socket server port 80 LISTEN');
  assert.match(await verdict.innerText(), /An empty attempt meets it already/);

  // The line is the teacher's to edit: a mistake names its column.
  await au.fill('#au-goal-line', 'entered client TIME_WAIT');
  assert.equal(await verdict.getAttribute('data-ok'), 'false');
  assert.match(await verdict.innerText(), /column 16: no state TIME_WAIT/);

  await au.selectOption('#au-goal-kind', 'segment');
  await au.selectOption('#au-goal-from', 'server');
  await au.selectOption('#au-goal-to', 'client');
  await au.fill('#au-goal-flags', 'F*');
  assert.equal(await au.inputValue('#au-goal-line'), 'segment server > client [F*]');
  assert.match(await verdict.innerText(), /Met by the reference solution at its line 3, by packet #\d+/);
  await au.fill('#au-goal-id', 'server-fin');
  await au.fill('#au-goal-points', ''); // (Firefox's fill keeps a number field's old digits)
  await au.fill('#au-goal-points', '2');
  await au.fill('#au-goal-missing', 'The server has not sent its FIN.');
  await au.fill('#au-goal-hint', 'The server closes its side with close(a).');
  for (const [w, hgt, name] of [[360, 800, 'phone'], [1366, 768, 'laptop']]) {
    await au.setViewportSize({ width: w, height: hgt });
    await screenshot(au, `exercise-author-goal-${name}`);
  }
  await au.click('#au-goal-add');
  await au.waitForSelector('#au-result[data-ok="true"]', { timeout: READY_WAIT });
  const text = await au.inputValue('#au-text');
  assert.match(text, /```goal id=server-fin for=task points=2\nsegment server > client \[F\*\]\nmissing: The server has not sent its FIN\.\nhint: The server closes its side with close\(a\)\.\n```\n\n```solution/);

  // The draft as a learner sees it: the goals tick line by line.
  await au.click('#au-try');
  await au.waitForSelector('#au-trial:not([hidden]) #goal-server-fin[data-met="false"]', { timeout: READY_WAIT });
  assert.ok(await au.locator('.au-page').isHidden(), 'the draft is out of the way');
  assert.match(await au.locator('#au-trial .ex-missing').first().innerText(), /./);
  await exerciseLine(au, 'client> close(c)', '#au-trial');
  await exerciseLine(au, 'net> run', '#au-trial');
  assert.equal(await au.locator('#goal-server-fin').getAttribute('data-met'), 'false');
  await exerciseLine(au, 'server> close(a)', '#au-trial');
  assert.equal(await au.locator('#goal-server-fin').getAttribute('data-met'), 'true');
  assert.match(await au.locator('#goal-server-fin').innerText(), /met at your line 3 by packet #\d+/);
  // The packet's link selects it in the learner's ladder and inspects it.
  const fin = (/packet #(\d+)/.exec(await au.locator('#goal-server-fin').innerText()))[1];
  await au.click('#goal-server-fin .ex-link');
  await au.waitForSelector(`#au-trial .ex-run g.arrow.selected[data-packet="${fin}"]`, { timeout: READY_WAIT });
  assert.ok(await au.locator('#au-trial .ex-run .nb-inspector').isVisible(), 'the inspector shows the packet');
  await screenshot(au, 'exercise-author-try-laptop');
  await au.click('#au-back');
  assert.ok(await au.locator('#au-trial').isHidden());
  assert.equal(await au.inputValue('#au-text'), text, 'the draft is as it was');
  const kept = await au.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sockplay-exercises');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('progress')) { resolve([]); return; }
      const all = db.transaction('progress').objectStore('progress').getAll();
      all.onsuccess = () => resolve(all.result.map((r) => r.id));
    };
  }));
  assert.ok(!kept.includes('the-server-closes-too'), `the trial saved no progress (${kept})`);
  au.assertClean();
  await au.close();
  page.assertClean();
  await page.close();
});

test('a notebook becomes an exercise draft too', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=close`);
  await page.click('.nb-more summary');
  const au = await openedBy(page, '#nb-export-exercise');
  const lines = await au.locator('#au-lines li').count();
  assert.ok(lines > 5, `${lines} lines from the notebook's cells`);
  await au.fill('#au-setup', String(lines - 2));
  await au.click('#au-draft');
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok]', { timeout: READY_WAIT });
  assert.equal(await au.locator('#au-result').getAttribute('data-ok'), 'true', await au.locator('#au-result').innerText());
  au.assertClean();
  await au.close();
  page.assertClean();
  await page.close();
});
