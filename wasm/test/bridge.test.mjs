// The wasm bridge driven from JavaScript with the wrong types a page (or
// a careless caller) may pass: undefined, null, BigInt, Symbol, Proxy,
// functions, deep objects, boxed strings, NaN, and 100 MB strings. Each is
// refused with an error reply (never reported as an engine panic), the
// Go runtime stays alive, and the session is exactly as it was.
//
// Run by `make test` (scripts/test.sh) against a GOOS=js GOARCH=wasm build:
//   SOCKPLAY_WASM=/tmp/sockplay.wasm node --test wasm/test/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
require(`${goroot}/lib/wasm/wasm_exec.js`); // defines globalThis.Go

let go;
let api;

before(async () => {
  const wasm = process.env.SOCKPLAY_WASM;
  assert.ok(wasm, 'set SOCKPLAY_WASM to a GOOS=js GOARCH=wasm build of ./wasm');
  go = new Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(wasm), go.importObject);
  go.run(instance); // returns once main has installed globalThis.sockplay
  api = globalThis.sockplay;
  assert.ok(api, 'the bridge installed globalThis.sockplay');
});

const handshake = [
  'server> s = socket(AF_INET, SOCK_STREAM)',
  'server> bind(s, 0.0.0.0:80)',
  'server> listen(s, 5)',
  'server> a = accept(s)',
  'client> c = socket(AF_INET, SOCK_STREAM)',
  'client> connect(c, server:80)',
  'net> run',
  'client> send(c, "hello")',
  'net> run',
];

function value(reply) {
  const r = JSON.parse(reply);
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  return r.value;
}

// snapshot is everything the page can see of the session.
function snapshot() {
  return {
    script: value(api.script()),
    history: value(api.history()),
    state: value(api.state()),
    trace: value(api.trace()),
    tcpdump: value(api.tcpdump('', false)),
  };
}

function deepObject(depth) {
  let o = {};
  for (let i = 0; i < depth; i++) o = { next: o };
  return o;
}

function deepArray(depth) {
  let a = [];
  for (let i = 0; i < depth; i++) a = [a];
  return a;
}

const trap = () => { throw new Error('a trap ran'); };
const revoked = Proxy.revocable({}, {});
revoked.revoke();

const wrong = {
  undefined: undefined,
  null: null,
  bigint: 10n,
  'huge bigint': 2n ** 100n,
  symbol: Symbol('x'),
  proxy: new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, apply: trap }),
  'function proxy': new Proxy(() => 'net> step', { get: trap, apply: trap }),
  'revoked proxy': revoked.proxy,
  function: () => 'net> step',
  'deep object': deepObject(100_000),
  'deep array': deepArray(100_000),
  'boxed string': new String('net> step'),
  'object with toString': { toString: () => 'net> step', valueOf: () => 1 },
  NaN: NaN,
  Infinity: -Infinity,
  'huge number': 1e300,
  'fraction': 2.5,
  array: ['net> step'],
  '100 MB string': 'x'.repeat(100_000_000),
  '4 MiB + 1 string': 'y'.repeat(4 * 1024 * 1024 + 1),
  boolean: true,
};

// Each method with good arguments; one position at a time gets a wrong one.
const methods = {
  newSession: ['7'],
  exec: ['net> list'],
  execOn: ['net', 'list'],
  complete: ['client> c = soc', 15],
  help: ['connect'],
  goto: [9],
  load: ['net> list'],
  trace: [0],
  tcpdump: ['client', true],
  pcap: ['client'],
  packet: [1],
  setAbsolute: [true],
};

// accepted says whether a value is a right one for a position after all
// (a number where a number goes, a string where a string goes).
function accepted(method, i, v) {
  const good = methods[method][i];
  if (typeof v !== typeof good) return false;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2 ** 53 && method !== 'newSession';
  if (typeof v === 'string') return v.length <= 4 * 1024 * 1024;
  return true;
}

test('wrong types are refused cleanly, and the session is unchanged', () => {
  for (const line of handshake) value(api.exec(line));
  value(api.setAbsolute(true)); // a view setting that must survive
  const before = snapshot();
  let refused = 0;
  for (const [method, args] of Object.entries(methods)) {
    for (let i = 0; i < args.length; i++) {
      for (const [name, v] of Object.entries(wrong)) {
        if (accepted(method, i, v)) continue;
        const call = [...args];
        call[i] = v;
        let reply;
        assert.doesNotThrow(() => { reply = api[method](...call); }, `${method} with ${name} at ${i + 1}`);
        assert.equal(go.exited, false, `the Go runtime died on ${method} with ${name}`);
        assert.equal(typeof reply, 'string', `${method} with ${name}: a JSON error, not a value`);
        const r = JSON.parse(reply);
        assert.ok(r.error, `${method} with ${name} at ${i + 1} is refused: ${reply.slice(0, 200)}`);
        assert.notEqual(r.error.panic, true, `${method} with ${name}: not an engine panic: ${r.error.message}`);
        assert.match(r.error.message, /argument \d|not an integer|seed|is \d+ characters long/, `${method} with ${name}`);
        refused++;
      }
    }
  }
  assert.ok(refused > 150, `${refused} calls refused`);
  assert.deepEqual(snapshot(), before, 'nothing changed, view settings included');
  // The runtime still serves calls, and prints packets with absolute
  // sequence numbers as it was told before all this.
  const out = value(api.exec('client> send(c, "still here")'));
  assert.equal(out.error, undefined);
  assert.equal(out.line, handshake.length + 1);
  const sent = out.events.find((e) => e.kind === 'send');
  assert.match(sent.text, /seq \d{6,}:\d{6,}/, sent.text);
});

test('a BigInt names itself in the message', () => {
  const r = JSON.parse(api.exec(10n));
  assert.equal(r.error.message, 'argument 1 must be a string, not a bigint');
  const g = JSON.parse(api.goto(3n));
  assert.equal(g.error.message, 'argument 1 must be a number, not a bigint');
  assert.equal(go.exited, false);
});

test('a 100 MB string is refused before it is copied', () => {
  const huge = 'x'.repeat(100_000_000);
  for (const method of ['exec', 'help', 'load']) {
    const r = JSON.parse(api[method](huge));
    assert.match(r.error.message, /argument 1 is 100000000 characters long; the most any call takes is 4194304 bytes/);
  }
  // Long strings under that are refused by the engine, cheaply: a line
  // over 64 KiB, a help topic longer than any name.
  const long = 'z'.repeat(2_000_000);
  const out = value(api.exec(long));
  assert.match(out.error.message, /a line is at most 65536/);
  assert.ok(out.input.length < 200);
  assert.match(value(api.help(long)), /no help for/);
  assert.equal(go.exited, false);
});
