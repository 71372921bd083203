import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepLines, eventsUpTo } from '../../../site/js/pkt/steps.mjs';

const events = [{ line: 0 }, { line: 2 }, { line: 2 }, { line: 5 }, { line: 9 }];

test('the steps are the lines the trace names, in order, with the failing line', () => {
  const lines = new Array(12).fill('');
  assert.deepEqual(stepLines(lines, { pass: true, events }), [2, 5, 9]);
  assert.deepEqual(stepLines(lines, { pass: false, error: { line: 11 }, events }), [2, 5, 9, 11]);
  assert.deepEqual(stepLines(lines, { pass: false, error: { line: 3 }, events: [] }), [3], 'a script refused before it ran');
});

test('the trace up to a line keeps what that line and those before it caused', () => {
  assert.deepEqual(eventsUpTo(events, 5).map((e) => e.line), [0, 2, 2, 5]);
  assert.deepEqual(eventsUpTo(events, 1).map((e) => e.line), [0]);
});
