// A teacher saves a playground session as an exercise: the draft's goals
// come from what the session made happen, the engine's check passes it,
// edits survive a reload, and the downloaded file passes the CLI's
// exercise check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, type, screenshot, ROOT, IS_FIREFOX } from '../lib/harness.mjs';

let server;
let browser;
let cli;
before(async () => {
  server = await startServer();
  browser = await launch();
  cli = join(mkdtempSync(join(tmpdir(), 'sockplay-cli-')), 'sockplay');
  execFileSync('go', ['build', '-o', cli, './core/cmd/sockplay'], { cwd: ROOT, stdio: 'inherit' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const SESSION = [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
  ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'], ['net', 'run'], ['server', 'a = accept(s)'],
  ['client', 'close(c)'], ['net', 'run'], ['server', 'close(a)'], ['net', 'run']];

test('the playground session becomes an exercise that passes the check', async () => {
  const page = await openPage(browser.context, server.url);
  for (const [host, line] of SESSION) await type(page, host, line);
  await page.click('#export-button');
  const [au] = await Promise.all([browser.context.waitForEvent('page'), page.click('[data-export="exercise"]')]);
  await au.waitForSelector('html[data-ready="true"]');
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
  await au.waitForSelector('#au-result[data-ok="true"]');
  assert.match(await au.locator('#au-result').innerText(), /ok: who-ends-in-time-wait-by-a-teacher, \d+ goals, 1 questions, 0 wrong attempts, par 4/);

  // A goal the solution cannot meet fails the check, and the edit is kept.
  await au.fill('#au-text', text.replace('**Your task:** say what to do.', '**Your task:** close the connection from the client.')
    .replace('entered client TIME-WAIT', 'entered server TIME-WAIT'));
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok="false"]');
  assert.match(await au.locator('#au-result').innerText(), /the reference solution does not meet goal/);
  await au.evaluate(() => globalThis.sockplayAuthor.saving);
  await au.reload();
  await au.waitForSelector('html[data-ready="true"]');
  assert.match(await au.inputValue('#au-text'), /close the connection from the client/, 'the edit survived the reload');
  await au.fill('#au-text', (await au.inputValue('#au-text')).replace('entered server TIME-WAIT', 'entered client TIME-WAIT'));
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok="true"]');
  for (const [w, hgt, name] of [[390, 844, 'phone'], [1366, 768, 'laptop']]) {
    await au.setViewportSize({ width: w, height: hgt });
    await screenshot(au, `exercise-author-${name}`);
  }

  if (!IS_FIREFOX) {
    const [download] = await Promise.all([au.waitForEvent('download'), au.click('#au-download')]);
    assert.equal(download.suggestedFilename(), 'who-ends-in-time-wait-by-a-teacher.md');
    const file = join(mkdtempSync(join(tmpdir(), 'sockplay-draft-')), download.suggestedFilename());
    await download.saveAs(file);
    assert.match(readFileSync(file, 'utf8'), /close the connection from the client/);
    const check = spawnSync(cli, ['exercise', 'check', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /ok \(\d+ goals, 1 questions, 0 wrong attempts, par 4\)/);
  }
  au.assertClean?.();
  await au.close();
  page.assertClean();
  await page.close();
});

test('a notebook becomes an exercise draft too', async () => {
  const page = await openPage(browser.context, `${server.url}notebook.html?nb=close`);
  await page.click('.nb-more summary');
  const [au] = await Promise.all([browser.context.waitForEvent('page'), page.click('#nb-export-exercise')]);
  await au.waitForSelector('html[data-ready="true"]');
  const lines = await au.locator('#au-lines li').count();
  assert.ok(lines > 5, `${lines} lines from the notebook's cells`);
  await au.fill('#au-setup', String(lines - 2));
  await au.click('#au-draft');
  await au.click('#au-check');
  await au.waitForSelector('#au-result[data-ok]');
  assert.equal(await au.locator('#au-result').getAttribute('data-ok'), 'true', await au.locator('#au-result').innerText());
  au.assertClean?.();
  await au.close();
  page.assertClean();
  await page.close();
});
