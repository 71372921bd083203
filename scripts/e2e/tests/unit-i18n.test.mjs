// The page's ICU MessageFormat subset formats as core/i18n's Go formatter
// does (the same cases as format_test.go), and the language is chosen as
// the issue asks: a link's or the learner's choice, else the browser's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { format, pickLang, matchLang, t, setLang } from '../../../site/js/i18n.mjs';
import { named } from '../../../site/js/names.mjs';

test('format: arguments, plurals, quoting, as in Go', () => {
  const cases = [
    ['en', 'line {n} of {total}', { n: 3, total: 7 }, 'line 3 of 7'],
    ['en', '{n, plural, one {# packet} other {# packets}}', { n: 1 }, '1 packet'],
    ['en', '{n, plural, one {# packet} other {# packets}}', { n: 2 }, '2 packets'],
    ['en', '{n, plural, =0 {no packet} one {# packet} other {# packets}}', { n: 0 }, 'no packet'],
    ['en', '{n, plural, one {# packet} =1 {exactly one} other {# packets}}', { n: 1 }, 'exactly one'],
    ['zh-CN', '{n, plural, other {# 个报文段}}', { n: 1 }, '1 个报文段'],
    ['en', "can't stop", {}, "can't stop"],
    ['en', "it''s '{literal}' braces", {}, "it's {literal} braces"],
    ['en', 'missing {arg}', {}, 'missing {arg}'],
    ['zh-CN', '第 {n} 行，共 {total} 行', { n: 3, total: 7 }, '第 3 行，共 7 行'],
  ];
  for (const [lang, msg, args, want] of cases) assert.equal(format(lang, msg, args), want, msg);
});

test('every Chinese message formats with its placeholders filled', () => {
  const zh = JSON.parse(readFileSync(new URL('../../../core/i18n/catalogues/ui.zh-CN.json', import.meta.url)));
  const en = JSON.parse(readFileSync(new URL('../../../core/i18n/catalogues/ui.en.json', import.meta.url)));
  for (const [id, msg] of Object.entries(zh)) {
    const names = [...en[id].matchAll(/\{(\w+)/g)].map((m) => m[1]);
    const args = Object.fromEntries(names.map((n) => [n, 2]));
    const out = format('zh-CN', msg, args);
    assert.doesNotMatch(out, /\{[a-z]\w*\}/, `${id}: ${out}`);
  }
});

test('the language: explicit, stored, then the browser', () => {
  assert.equal(matchLang('zh-Hans-CN'), 'zh-CN');
  assert.equal(matchLang('zh-TW'), 'zh-CN');
  assert.equal(matchLang('en-GB'), 'en');
  assert.equal(matchLang('zhx'), 'en');
  assert.equal(pickLang({ languages: ['zh-CN', 'en'] }), 'zh-CN');
  assert.equal(pickLang({ languages: ['en-US', 'zh-CN'] }), 'en', 'the first preference decides');
  assert.equal(pickLang({ stored: 'en', languages: ['zh-CN'] }), 'en');
  assert.equal(pickLang({ explicit: 'zh-CN', stored: 'en' }), 'zh-CN');
  assert.equal(pickLang({ explicit: 'fr', languages: [] }), 'en');
  // Without a catalogue, t is the English source.
  assert.equal(t('ui.timeline', 'line {n} of {total}', { n: 1, total: 2 }), 'line 1 of 2');
});

test('states and errnos keep their names; zh-CN adds the glossary’s Chinese name beside them', async () => {
  const catalogues = new URL('../../../core/i18n/catalogues/', import.meta.url);
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => ({ ok: true, json: async () => JSON.parse(readFileSync(new URL(String(url).split('/').pop(), catalogues))) });
  try {
    assert.equal(named('TIME-WAIT'), 'TIME-WAIT', 'English: the name alone');
    await setLang('zh-CN');
    assert.equal(named('TIME-WAIT'), 'TIME-WAIT（时间等待）');
    assert.equal(named('UNCONN'), 'UNCONN', 'a name the glossary lacks stays alone');
    const glossary = readFileSync(new URL('../GLOSSARY.md', catalogues), 'utf8');
    const table = glossary.split('## Chinese names of states and errors')[1].split('\n\n')[1];
    const rows = [...table.matchAll(/^\| ([A-Z][A-Z0-9-]+) \| (.+?) \|$/gm)];
    assert.ok(rows.length >= 30, `${rows.length} rows`);
    for (const [, name, zh] of rows) assert.equal(named(name), `${name}（${zh}）`, name);
  } finally {
    await setLang('en');
    globalThis.fetch = realFetch;
  }
});
