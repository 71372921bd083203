// The bundled notebooks and the page's list of them agree, and each reads
// as a notebook: a title in its front matter equal to the menu's, and
// sock cells with unique ids and their digests (which go test checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/harness.mjs';
import { TUTORIALS, REFERENCE } from '../../../site/js/notebook/tutorials.mjs';

const DIR = join(ROOT, 'site', 'notebooks');

test('every notebook in site/notebooks is in the menu, and only those', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(TUTORIALS.map((t) => t.name).sort(), files);
});

for (const { name, title } of TUTORIALS) {
  test(`${name}.md: its title is the menu's, its cells have unique ids`, () => {
    const text = readFileSync(join(DIR, `${name}.md`), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
    assert.ok(front, 'front matter');
    const t = /^title: (.*)$/m.exec(front[1])[1].replace(/^"(.*)"$/, '$1');
    assert.equal(t, title.en);
    const fences = [...text.matchAll(/^```sock(.*)$/gm)].map((m) => m[1]);
    const ids = fences.map((f) => / id=([A-Za-z0-9_-]+)/.exec(f)?.[1]);
    assert.ok(ids.every(Boolean), 'every cell has an id');
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    assert.ok(fences.every((f) => / digest=[0-9a-f]{12}\b/.test(f)), 'every cell carries its digest (sockplay notebook fmt writes them)');
  });
}

test('the menu\'s reference is the format\'s, core/notebook/FORMAT.md (make dist copies it)', () => {
  const text = readFileSync(join(ROOT, 'core', 'notebook', 'FORMAT.md'), 'utf8');
  assert.equal(/^title: (.*)$/m.exec(text)[1], REFERENCE.title.en);
  assert.ok(!TUTORIALS.some((t) => t.name === REFERENCE.name), 'its name is not a tutorial\'s');
});

test('each translated tutorial (notebooks/LANG/NAME.md) is titled as the menu is in that language', () => {
  const catalogue = JSON.parse(readFileSync(join(ROOT, 'core', 'i18n', 'catalogues', 'ui.zh-CN.json'), 'utf8'));
  const names = readdirSync(join(DIR, 'zh-CN')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  assert.ok(names.length > 0, 'translated tutorials');
  for (const name of names) {
    const { title } = TUTORIALS.find((nb) => nb.name === name);
    const text = readFileSync(join(DIR, 'zh-CN', `${name}.md`), 'utf8');
    assert.equal(/^title: (.*)$/m.exec(text)[1], catalogue[title.id], name);
    assert.match(text, /^lang: zh-CN$/m, name);
  }
});
