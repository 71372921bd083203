// The Exercises list's status of an exercise, from the progress the page
// keeps (store.mjs): new, started, solved, or solved at par.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusOf, importProgress } from '../../../site/js/exercise/store.mjs';

test('each status the list shows comes from the kept progress', () => {
  assert.equal(statusOf(undefined), 'new', 'nothing kept');
  assert.equal(statusOf({ lines: [], answers: {} }), 'new', 'opened, nothing typed or answered');
  assert.equal(statusOf({ lines: ['client> close(c)'], answers: {}, solved: false }), 'started');
  assert.equal(statusOf({ lines: [], answers: { who: 'the client' }, solved: false }), 'started', 'an answer alone starts it');
  assert.equal(statusOf({ lines: ['a', 'b', 'c', 'd', 'e'], solved: true, atPar: false }), 'solved', 'solved in more lines than par');
  assert.equal(statusOf({ lines: ['a', 'b', 'c', 'd'], solved: true, atPar: true }), 'par');
});

test('a file that is not progress is refused before anything is stored', async () => {
  // No IndexedDB here: a refusal that stored a record would fail on it.
  const eve = { id: 'close-time-wait', learner: 'eve', lines: ['client> close(c)'] };
  for (const bad of [null, {}, [eve, 'ada'], [eve, { id: 'x', learner: 'y' }], [{ ...eve, lines: 'close(c)' }]]) {
    await assert.rejects(importProgress(bad), /not a sockplay progress file/, JSON.stringify(bad));
  }
});
