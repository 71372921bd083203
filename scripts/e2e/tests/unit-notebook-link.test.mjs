import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { encodeNotebookLink, decodeNotebookLink, textKey, MAX_TEXT } from '../../../site/js/notebook/sharelink.mjs';
import { toBase64Url } from '../../../site/js/share.mjs';

const doc = '---\ntitle: Ünïcode ✓\nseed: 3\n---\nText.\n\n```sock id=a\nserver> s = socket(AF_INET, SOCK_STREAM)\n```\n';

test('a document round-trips byte for byte through a link', async () => {
  const link = await encodeNotebookLink(doc);
  assert.match(link, /^md=[A-Za-z0-9_-]+$/);
  assert.equal(await decodeNotebookLink('#' + link), doc);
  assert.equal(await decodeNotebookLink(link), doc);
});

test('cell anchors and other fragments are not links', async () => {
  assert.equal(await decodeNotebookLink('#listen'), null);
  assert.equal(await decodeNotebookLink(''), null);
  assert.equal(await decodeNotebookLink('#md=a+b'), null);
});

test('a truncated, forged or oversized link is refused with a reason', async () => {
  const link = await encodeNotebookLink(doc.repeat(20));
  await assert.rejects(decodeNotebookLink(link.slice(0, link.length - 9)), /damaged or cut short/);
  await assert.rejects(decodeNotebookLink('md=AAAA'), /damaged/);
  const notUtf8 = 'md=' + toBase64Url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x41])));
  await assert.rejects(decodeNotebookLink(notUtf8), /not UTF-8/);
  const bomb = 'md=' + toBase64Url(deflateRawSync(Buffer.alloc(MAX_TEXT + 1, 0x61)));
  assert.ok(bomb.length < 4000, 'a small link');
  await assert.rejects(decodeNotebookLink(bomb), /larger than/);
});

test('textKey tells documents apart and is stable', () => {
  assert.equal(textKey(doc), textKey(String(doc)));
  assert.notEqual(textKey(doc), textKey(doc + ' '));
  assert.match(textKey(''), /^[0-9a-f]{8}$/);
});
