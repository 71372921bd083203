import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesPoints, dropMarks, lanesOf } from '../../../site/js/crowdview.mjs';

const MS = 1e6;

test('a series of per-bucket maxima becomes step points at the buckets\' times', () => {
  assert.deepEqual(seriesPoints([0, 3, 3, 1], 10 * MS), [[0, 0], [10 * MS, 3], [20 * MS, 3], [30 * MS, 1]]);
  assert.deepEqual(seriesPoints([], MS), []);
});

test('a listener\'s drops are marked at their buckets with how many and why', () => {
  assert.deepEqual(dropMarks([{ bucket: 2, n: 3, text: 'SYN queue full' }], 5 * MS),
    [{ time: 10 * MS, text: '3 dropped: SYN queue full' }]);
});

test('a client\'s ladder has the crowd\'s lane first, then the hosts it talked to', () => {
  const events = [
    { kind: 'state', host: 'crowd', from: 'CLOSED', to: 'SYN-SENT' },
    { kind: 'send', from: 'crowd', to: 'server' },
    { kind: 'send', from: 'server', to: 'crowd' },
  ];
  assert.deepEqual(lanesOf(events, 'crowd'), ['crowd', 'server']);
  assert.deepEqual(lanesOf([], 'crowd2'), ['crowd2']);
});
