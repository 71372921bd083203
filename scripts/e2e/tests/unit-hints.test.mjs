import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextHint } from '../../../site/js/hints.mjs';

const sock = (state, proto = 'tcp') => ({ proto, state });
const st = (server, client, extra = {}) => ({ hosts: [{ name: 'client', sockets: client }, { name: 'server', sockets: server, ...extra.server }], inflight: extra.inflight ?? [] });

test('hints walk through one connection', () => {
  assert.equal(nextHint(st([], [])).code, 's = socket(AF_INET, SOCK_STREAM)');
  assert.equal(nextHint(st([sock('CLOSED')], [])).code, 'bind(s, 0.0.0.0:80)');
  assert.equal(nextHint(st([sock('LISTEN')], [])).host, 'client');
  assert.equal(nextHint(st([sock('LISTEN')], [sock('CLOSED')])).code, 'connect(c, server:80)');
  assert.match(nextHint(st([sock('LISTEN')], [sock('SYN-SENT')], { inflight: [{ id: 1 }] })).text, /Step/);
  assert.match(nextHint(st([sock('LISTEN'), sock('ESTABLISHED')], [sock('ESTABLISHED')])).code, /send/);
  assert.equal(nextHint(st([sock('LISTEN')], [sock('TIME-WAIT')])), null);
  assert.equal(nextHint(null), null);
});

test('a waiting accept sends the visitor to the client', () => {
  const h = nextHint(st([sock('LISTEN')], [], { server: { pending: { text: 'a = accept(s)' } } }));
  assert.equal(h.host, 'client');
});

test('while an example is on screen, the hint is about the example', () => {
  const connected = st([sock('LISTEN'), sock('ESTABLISHED')], [sock('ESTABLISHED')]);
  const playing = nextHint(connected, { title: 'HTTP/1.1 keep-alive', playing: true });
  assert.match(playing.text, /Playing “HTTP\/1\.1 keep-alive”.*Skip to the end/);
  assert.equal(playing.code, undefined);
  assert.match(nextHint(connected, { title: 'HTTP/1.1 keep-alive', playing: false }).text, /has played.*time-travel slider.*Reset/);
  assert.match(nextHint(connected, null).code, /send/, 'with the story closed, the usual steps');
});
