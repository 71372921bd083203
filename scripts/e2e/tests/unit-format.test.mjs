// Unit tests of the page's pure modules (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, formatDuration, caret, commonPrefix, hexRows, base64ToBytes, printable } from '../../../site/js/format.mjs';
import { InputHistory } from '../../../site/js/history.mjs';
import { Timeline } from '../../../site/js/timeline.mjs';

test('formatTime reads like a stopwatch', () => {
  assert.equal(formatTime(0), '0 ms');
  assert.equal(formatTime(12_500_000), '12.5 ms');
  assert.equal(formatTime(1_204_000_000), '1.204 s');
  assert.equal(formatTime(123_000_000_000), '2 min 3.000 s');
  assert.equal(formatDuration(60_000_000_000), '60 s');
  assert.equal(formatDuration(40_000_000), '40 ms');
});

test('caret points at a 1-based column', () => {
  assert.equal(caret(1), '^');
  assert.equal(caret(4), '   ^');
  assert.equal(caret(0), '');
});

test('commonPrefix of completion candidates', () => {
  assert.equal(commonPrefix(['socket', 'sockopt', 'soc']), 'soc');
  assert.equal(commonPrefix(['listen']), 'listen');
  assert.equal(commonPrefix([]), '');
  assert.equal(commonPrefix(['a', 'b']), '');
});

test('hexRows and printable lay out a dump like hexdump -C', () => {
  const rows = hexRows(new Uint8Array(20).map((_, i) => i + 60));
  assert.equal(rows.length, 2);
  assert.equal(rows[1].offset, 16);
  assert.deepEqual(rows[1].bytes, [76, 77, 78, 79]);
  assert.equal(printable(0x41), 'A');
  assert.equal(printable(0x0a), '.');
});

test('base64ToBytes decodes Go JSON bytes', () => {
  assert.deepEqual([...base64ToBytes('RQAA')], [0x45, 0, 0]);
  assert.equal(base64ToBytes('').length, 0);
});

test('InputHistory browses like a shell and keeps the draft', () => {
  const h = new InputHistory();
  h.push('socket()');
  h.push('bind()');
  h.push('bind()'); // repeated lines are kept once
  h.push('   ');
  assert.equal(h.up('lis'), 'bind()');
  assert.equal(h.up('bind()'), 'socket()');
  assert.equal(h.up('socket()'), null);
  assert.equal(h.down(), 'bind()');
  assert.equal(h.down(), 'lis');
  assert.equal(h.down(), null);
});

test('Timeline keeps rewound lines for redo and forgets them on a new branch', () => {
  const t = new Timeline();
  t.rewound(['a', 'b', 'c', 'd'], 2);
  assert.deepEqual(t.future, ['c', 'd']);
  t.rewound(['a', 'b'], 1);
  assert.deepEqual(t.future, ['b', 'c', 'd']);
  assert.deepEqual(t.forward(2), ['b', 'c']);
  t.typed('d');
  assert.deepEqual(t.future, []);
  t.rewound(['a', 'b'], 0);
  t.typed('x');
  assert.deepEqual(t.future, []);
});
