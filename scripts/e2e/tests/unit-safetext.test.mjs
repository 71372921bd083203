import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlSegments, codePoint, safeString, payloadString } from '../../../site/js/safetext.mjs';

test('bidirectional, zero-width and C0/C1 controls are split out one by one; newlines, tabs and other text stay', () => {
  const segs = controlSegments('a\u202Eb\u2066\u0007\tc\nd\u200Bé中');
  assert.deepEqual(segs.map((s) => [s.text, s.control]), [
    ['a', false], ['\u202E', true], ['b', false], ['\u2066', true], ['\u0007', true], ['\tc\nd', false], ['\u200B', true], ['é中', false],
  ]);
  assert.equal(codePoint('\u202E'), 'U+202E');
  assert.equal(codePoint('\u0007'), 'U+0007');
  assert.deepEqual(controlSegments(''), []);
});

test('safeString marks what safeNodes marks, in a string for SVG text, titles and labels', () => {
  assert.equal(safeString('HTTP/1.1 200 O\u202EK\u0007'), 'HTTP/1.1 200 O⟨U+202E⟩K⟨U+0007⟩');
  assert.equal(safeString(undefined), '');
  assert.equal(safeString('tab\tnew\nline 中'), 'tab\tnew\nline 中');
});

test('payloadString reads bytes as Wireshark\'s UTF-8 view: invalid bytes U+FFFD, controls dots as tcpdump -A, line ends kept, bidi left to mark', () => {
  const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x0d, 0x0a, 0xff, 0x01, 0x78, 0xe2, 0x80, 0xae, 0x79, 0x07, 0x09, 0x7a, 0x0d, 0xc3, 0xa9, 0x7f, 0xc2, 0x85]);
  assert.equal(payloadString(bytes), '\uFEFFh\n\uFFFD.x\u202Ey.\tz\né..');
  assert.equal(safeString(payloadString(bytes)), '⟨U+FEFF⟩h\n\uFFFD.x⟨U+202E⟩y.\tz\né..');
});
