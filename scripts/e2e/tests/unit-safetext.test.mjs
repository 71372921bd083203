import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlSegments, codePoint } from '../../../site/js/safetext.mjs';

test('bidirectional, zero-width and C0/C1 controls are split out one by one; newlines, tabs and other text stay', () => {
  const segs = controlSegments('a\u202Eb\u2066\u0007\tc\nd\u200Bé中');
  assert.deepEqual(segs.map((s) => [s.text, s.control]), [
    ['a', false], ['\u202E', true], ['b', false], ['\u2066', true], ['\u0007', true], ['\tc\nd', false], ['\u200B', true], ['é中', false],
  ]);
  assert.equal(codePoint('\u202E'), 'U+202E');
  assert.equal(codePoint('\u0007'), 'U+0007');
  assert.deepEqual(controlSegments(''), []);
});
