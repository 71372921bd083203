// The notebook engine's bridge (sockplay-notebook.wasm, tag notebook)
// driven from JavaScript as the notebook page drives it: open, run, edit,
// stamp; wrong argument types refused; and the digests written natively
// (core/notebook/FORMAT.md, stamped by the Go engine) reproduced by the
// wasm build, so the same document gives the same outputs in both.
//
// Run by `make test` (scripts/test.sh):
//   SOCKPLAY_NOTEBOOK_WASM=/tmp/sockplay-notebook.wasm node --test wasm/test/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
require(`${goroot}/lib/wasm/wasm_exec.js`);

let api;

before(async () => {
  const wasm = process.env.SOCKPLAY_NOTEBOOK_WASM;
  assert.ok(wasm, 'set SOCKPLAY_NOTEBOOK_WASM to a GOOS=js GOARCH=wasm build of ./wasm with -tags notebook');
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(wasm), go.importObject);
  go.run(instance);
  api = globalThis.sockplay;
  assert.equal(typeof api.nbOpen, 'function', 'the notebook engine has nbOpen');
});

function value(reply) {
  const r = JSON.parse(reply);
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  return r.value;
}

const reference = readFileSync(new URL('../../core/notebook/FORMAT.md', import.meta.url), 'utf8');

test('the reference notebook opens, round-trips and reproduces its native digests', () => {
  const { doc } = value(api.nbOpen(reference));
  assert.equal(doc.title, 'The notebook format');
  assert.equal(doc.seed, '7');
  assert.deepEqual(doc.settings, [{ key: 'latency', value: '5ms' }]);
  const cells = doc.parts.filter((p) => p.kind === 'cell');
  assert.deepEqual(cells.map((c) => c.id), ['listen', 'connect']);
  assert.ok(cells.every((c) => /^[0-9a-f]{12}$/.test(c.digest)));
  assert.equal(value(api.nbText()), reference);
  const run = value(api.nbRunAll());
  assert.equal(run.problem, undefined);
  assert.deepEqual(run.cells.map((c) => [c.id, c.expected, c.reproduces]), cells.map((c) => [c.id, c.digest, true]));
  assert.equal(run.cells[1].outputs.at(-1).input, 'server> a = accept(s)');
  assert.ok(run.cells[1].state.hosts.length >= 2);
  // The session methods now describe the notebook's session.
  assert.equal(value(api.history()).length, 1 + 3 + 4);
  assert.match(value(api.tcpdump('', false)), /Flags \[S\.\]/);
});

test('edits, stale runs, refused lines and stamping', () => {
  value(api.nbOpen(reference));
  const before = value(api.nbRunTo('listen'));
  assert.equal(before.cells.length, 1);
  const { doc } = value(api.nbSetCell('connect', 'client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:81)\nnet> run'));
  assert.equal(doc.parts.find((p) => p.id === 'connect').source.split('\n').length, 3);
  let run = value(api.nbRunAll());
  assert.equal(run.cells[0].reproduces, true);
  assert.equal(run.cells[1].reproduces, false);
  value(api.nbSetCell('connect', 'client> connect(nope, server:80)'));
  run = value(api.nbRunAll());
  const line = value(api.nbText()).split('\n').findIndex((l) => l.startsWith('client> connect(nope')) + 1;
  assert.deepEqual([run.cells[1].error.line, run.cells[1].error.col], [line, 17]);
  assert.ok(run.cells[1].outputs.at(-1).error);
  const bad = value(api.nbStamp());
  assert.equal(bad.problems[0].line, line);
  value(api.nbSetCell('connect', 'client> c = socket(AF_INET, SOCK_STREAM)'));
  const stamped = value(api.nbStamp());
  const digest = stamped.doc.parts.find((p) => p.id === 'connect').digest;
  assert.match(value(api.nbText()), new RegExp(`\`\`\`sock id=connect digest=${digest}\n`));
  const appended = value(api.nbSetPart(stamped.doc.parts.length, '\nMore prose.\n\n```sock\nnet> run\n```\n'));
  assert.equal(appended.doc.parts.at(-1).id, 'cell-3');
  const front = value(api.nbSetFront('title: x\nseed: [1]\n'));
  assert.deepEqual([front.problems[0].line, front.problems[0].col], [3, 7]);
});

test('bad documents and wrong types change nothing', () => {
  value(api.nbOpen(reference));
  for (const text of ['---\ntitle: x\n', '```sock id=a\n```\n```sock id=a\n```\n', '```sock\nunclosed\n']) {
    const r = value(api.nbOpen(text));
    assert.equal(r.doc, undefined);
    assert.ok(r.problems[0].line >= 1 && r.problems[0].message.length > 0);
  }
  for (const args of [[undefined], [42], [Symbol('x')], [{ toString: () => 'x' }], ['x'.repeat(4 * 1024 * 1024 + 1)]]) {
    const r = JSON.parse(api.nbOpen(...args));
    assert.ok(r.error && !r.error.panic, JSON.stringify(r));
  }
  assert.ok(JSON.parse(api.nbSetPart('0', 'x')).error);
  assert.ok(JSON.parse(api.nbRunTo(7)).error);
  assert.equal(value(api.nbText()), reference);
  const xss = value(api.nbOpen('<script>alert(1)</script>\n```sock id=x\nclient> send(c, "</script>")\n```\n'));
  assert.equal(xss.doc.parts[0].text, '<script>alert(1)</script>\n');
});

test('every shipped notebook gives in wasm the digests the native engine wrote', () => {
  const dir = new URL('../../site/notebooks/', import.meta.url);
  const names = readdirSync(dir).filter((n) => n.endsWith('.md'));
  assert.ok(names.length > 0);
  for (const name of names) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const { doc } = value(api.nbOpen(text));
    assert.ok(doc, name);
    const run = value(api.nbRunAll());
    const cells = doc.parts.filter((p) => p.kind === 'cell');
    assert.equal(run.cells.length, cells.length, name);
    for (const c of run.cells) assert.equal(c.reproduces, true, `${name}: cell ${c.id}`);
  }
});

test('a playground session opens as a notebook that replays it', () => {
  value(api.newSession('12'));
  for (const line of ['server> s = socket(AF_INET, SOCK_STREAM)', 'server> listen(s, 5)', 'client> c = socket(AF_INET, SOCK_STREAM)', 'client> connect(c, server:80)', 'net> run', 'server> a = accept(s)']) {
    assert.equal(value(api.exec(line)).error, undefined, line);
  }
  const script = value(api.script());
  const history = value(api.history());
  const { doc } = value(api.nbFromScript(script, value(api.state()).seed.toString()));
  assert.equal(doc.seed, '12');
  assert.deepEqual(doc.parts.filter((p) => p.kind === 'cell').map((c) => c.id), ['cell-1', 'cell-2']);
  const run = value(api.nbRunAll());
  assert.equal(run.cells.at(-1).error, undefined);
  assert.deepEqual(value(api.history()), history);
  assert.ok(JSON.parse(api.nbFromScript(script, -1)).error);
});
