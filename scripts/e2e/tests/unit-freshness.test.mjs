import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellKeys, cellStates } from '../../../site/js/notebook/freshness.mjs';

const doc = (sources, seed = '1', settings = []) => ({
  seed, settings,
  parts: sources.flatMap((source, i) => [{ kind: 'prose', text: `p${i}` }, { kind: 'cell', id: `c${i}`, source }]),
});

function ranAll(d, failedAt = -1) {
  const keys = cellKeys(d);
  const runs = new Map();
  d.parts.filter((p) => p.kind === 'cell').forEach((p, i) => {
    if (failedAt >= 0 && i > failedAt) return;
    runs.set(p.id, { key: keys.get(p.id), source: p.source, failed: i === failedAt });
  });
  return runs;
}

const states = (d, runs) => [...cellStates(d, runs).values()];

test('never run, then all fresh', () => {
  const d = doc(['a', 'b', 'c']);
  assert.deepEqual(states(d, new Map()), ['never', 'never', 'never']);
  assert.deepEqual(states(d, ranAll(d)), ['fresh', 'fresh', 'fresh']);
});

test('an edit makes the cell edited and every later cell stale; undoing it makes them fresh again', () => {
  const d = doc(['a', 'b', 'c']);
  const runs = ranAll(d);
  assert.deepEqual(states(doc(['a', 'B', 'c']), runs), ['fresh', 'edited', 'stale']);
  assert.deepEqual(states(doc(['a', 'b', 'c']), runs), ['fresh', 'fresh', 'fresh']);
});

test('prose edits change nothing; a new seed or network setting stales every cell', () => {
  const d = doc(['a', 'b']);
  const runs = ranAll(d);
  const prose = { ...d, parts: d.parts.map((p) => (p.kind === 'prose' ? { ...p, text: 'changed' } : p)) };
  assert.deepEqual(states(prose, runs), ['fresh', 'fresh']);
  assert.deepEqual(states(doc(['a', 'b'], '2'), runs), ['stale', 'stale']);
  assert.deepEqual(states(doc(['a', 'b'], '1', [{ key: 'loss', value: '5%' }]), runs), ['stale', 'stale']);
});

test('a refused line fails its cell; the cells after it have no output', () => {
  const d = doc(['a', 'b', 'c']);
  assert.deepEqual(states(d, ranAll(d, 1)), ['fresh', 'failed', 'never']);
});

test('a cell inserted above makes the cells below stale', () => {
  const d = doc(['a', 'b']);
  const runs = ranAll(d);
  const inserted = { ...d, parts: [{ kind: 'cell', id: 'new', source: 'x' }, ...d.parts] };
  assert.deepEqual(states(inserted, runs), ['never', 'stale', 'stale']);
});
