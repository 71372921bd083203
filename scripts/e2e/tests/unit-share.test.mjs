import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeShare, decodeShare, toBase64Url, fromBase64Url } from '../../../site/js/share.mjs';

test('a share link round-trips seed and script, compressed', async () => {
  const script = 'server> s = socket(AF_INET, SOCK_STREAM)\nclient> send(c, "<img src=x onerror=alert(1)> ü")\n'.repeat(20);
  const frag = await encodeShare({ seed: '18446744073709551615', script });
  assert.match(frag, /^z=[A-Za-z0-9_-]+$/);
  assert.ok(frag.length < script.length / 2, 'compressed');
  assert.deepEqual(await decodeShare('#' + frag), { seed: '18446744073709551615', script });
});

test('decodeShare ignores other fragments and reports damage', async () => {
  assert.equal(await decodeShare(''), null);
  assert.equal(await decodeShare('#panel=tcpdump'), null);
  await assert.rejects(decodeShare('#z=AAAA'), /damaged/);
  await assert.rejects(decodeShare('#t=' + toBase64Url(new TextEncoder().encode('{"v":1,"seed":"x","script":""}'))), /not a sockplay session/);
  await assert.rejects(decodeShare('#t=' + toBase64Url(new Uint8Array([0xff, 0xfe]))), /damaged/);
});

test('base64url round-trips every byte value', () => {
  const all = new Uint8Array(256).map((_, i) => i);
  assert.deepEqual(fromBase64Url(toBase64Url(all)), all);
});

test('a share link keeps the language it was made in; a strange tag is dropped', async () => {
  const frag = await encodeShare({ seed: '7', script: 'net> step\n', lang: 'zh-CN' });
  assert.deepEqual(await decodeShare(`#${frag}`), { seed: '7', script: 'net> step\n', lang: 'zh-CN' });
  const english = await encodeShare({ seed: '7', script: 'net> step\n', lang: 'en' });
  assert.deepEqual(await decodeShare(`#${english}`), { seed: '7', script: 'net> step\n' });
  const odd = 't=' + Buffer.from(JSON.stringify({ v: 1, seed: '7', script: '', lang: '<b>' })).toString('base64url');
  assert.deepEqual(await decodeShare(`#${odd}`), { seed: '7', script: '' });
});
