import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLadder, gapFor, GEOMETRY } from '../../../site/js/ladder-model.mjs';
import { SeqNumbering, decodePacket } from '../../../site/js/packet.mjs';
import { base64ToBytes } from '../../../site/js/format.mjs';
import { tcpPacket, toBase64 } from '../lib/packets.mjs';

const MS = 1e6;
const C = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
const S = { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], sport: 80, dport: 40000 };
const hosts = [{ name: 'client' }, { name: 'server' }];

function send(packet, time, from, bytes, label, cause) {
  return { kind: 'send', packet, time, from, to: from === 'client' ? 'server' : 'client', bytes: toBase64(bytes), label, cause };
}

test('a handshake makes three delivered arrows going down in time', () => {
  const events = [
    { kind: 'state', time: 0, host: 'server', from: 'CLOSED', to: 'LISTEN', fd: 3 },
    send(1, 0, 'client', tcpPacket({ ...C, seq: 100, flags: 0x02 })),
    { kind: 'state', time: 0, host: 'client', from: 'CLOSED', to: 'SYN-SENT', fd: 3 },
    { kind: 'deliver', packet: 1, time: 10 * MS, host: 'server' },
    send(2, 10 * MS, 'server', tcpPacket({ ...S, seq: 900, ack: 101, flags: 0x12 })),
    { kind: 'deliver', packet: 2, time: 20 * MS, host: 'client' },
    send(3, 20 * MS, 'client', tcpPacket({ ...C, seq: 101, ack: 901, flags: 0x10 })),
    { kind: 'deliver', packet: 3, time: 30 * MS, host: 'server' },
  ];
  const m = buildLadder(events, { now: 30 * MS, hosts, inflight: [] });
  assert.deepEqual(m.lanes, ['client', 'server']);
  assert.deepEqual(m.arrows.map((a) => a.label), ['SYN seq 0', 'SYN, ACK seq 0 ack 1', 'ACK ack 1']);
  for (const a of m.arrows) {
    assert.equal(a.status, 'delivered');
    assert.ok(a.y2 > a.y1, 'arrives below where it left');
  }
  assert.ok(m.arrows[1].y1 >= m.arrows[0].y2, 'the reply leaves after the SYN arrived');
  assert.deepEqual(m.notes.map((n) => [n.host, n.text]), [['server', 'LISTEN'], ['client', 'SYN-SENT']]);
  assert.ok(m.height > m.arrows[2].y2);
});

test('absolute numbering shows the raw sequence numbers', () => {
  const events = [send(1, 0, 'client', tcpPacket({ ...C, seq: 100, flags: 0x02 }))];
  const m = buildLadder(events, { now: 0, hosts, inflight: [] }, { absolute: true });
  assert.equal(m.arrows[0].label, 'SYN seq 100');
});

test('a ladder of later events numbers on from the packets before them', () => {
  const handshake = [
    send(1, 0, 'client', tcpPacket({ ...C, seq: 100, flags: 0x02 })),
    send(2, 10 * MS, 'server', tcpPacket({ ...S, seq: 900, ack: 101, flags: 0x12 })),
  ];
  const before = new SeqNumbering();
  buildLadder(handshake, { now: 0, hosts, inflight: [] }, { numbering: before });
  assert.equal(before.base.size, 0, 'the numbering given is not changed');
  for (const e of handshake) before.relative(decodePacket(base64ToBytes(e.bytes)));
  const data = [send(3, 20 * MS, 'client', tcpPacket({ ...C, seq: 101, ack: 901, flags: 0x18, payload: 'hi' }))];
  assert.equal(buildLadder(data, { now: 0, hosts, inflight: [] }, { numbering: before }).arrows[0].label, 'PSH, ACK seq 1:3 ack 1');
  assert.equal(buildLadder(data, { now: 0, hosts, inflight: [] }).arrows[0].label, 'PSH, ACK seq 0:2 ack 901', 'without it the first packet seen is the base');
});

test('drops end in a cross, retransmissions are the engine\'s, labels carry HTTP', () => {
  const syn = tcpPacket({ ...C, seq: 100, flags: 0x02 });
  const events = [
    send(1, 0, 'client', syn, '', 'syn'),
    { kind: 'drop', packet: 1, time: 0, text: 'dropped by the user' },
    { kind: 'fire', time: 1000 * MS, host: 'client', timer: 'retransmit' },
    send(2, 1000 * MS, 'client', syn, '', 'retransmit-timeout'),
    { kind: 'deliver', packet: 2, time: 1010 * MS },
    send(3, 1010 * MS, 'client', tcpPacket({ ...C, seq: 101, ack: 1, flags: 0x18, payload: 'GET / HTTP/1.1\r\n\r\n' }), 'GET / HTTP/1.1'),
  ];
  const m = buildLadder(events, { now: 1010 * MS, hosts, inflight: [] });
  const [lost, again, get] = m.arrows;
  assert.equal(lost.status, 'dropped');
  assert.equal(lost.why, 'dropped by the user');
  assert.ok(lost.y2 > lost.y1);
  assert.equal(again.retransmit, true);
  assert.equal(again.cause, 'retransmit-timeout');
  assert.equal(lost.retransmit, false);
  assert.equal(get.sub, 'GET / HTTP/1.1');
  assert.equal(get.status, 'lost', 'never delivered and not in flight');
  assert.equal(m.breaks.length, 1, 'the one-second wait is drawn as a break');
  assert.match(m.breaks[0].text, /later/);
  assert.ok(m.notes.some((n) => n.kind === 'timer' && n.host === 'client'));
});

// A second connection's SYN looks like the first one in relative numbers
// (SYN seq 0 again); only the engine knows it is new, and it says so.
test('a new connection with the same label is not a retransmission', () => {
  const syn = tcpPacket({ ...C, seq: 100, flags: 0x02 });
  const next = tcpPacket({ ...C, sport: 40001, seq: 7000, flags: 0x02 });
  const events = [
    send(1, 0, 'client', syn, '', 'syn'),
    { kind: 'deliver', packet: 1, time: 10 * MS },
    send(2, 50 * MS, 'client', next, '', 'syn'),
  ];
  const m = buildLadder(events, { now: 50 * MS, hosts, inflight: [] });
  assert.equal(m.arrows[0].label, m.arrows[1].label);
  assert.deepEqual(m.arrows.map((a) => a.retransmit), [false, false]);
});

test('a failed call\'s result is a note of its own kind', () => {
  const events = [
    { kind: 'result', time: 0, host: 'client', text: 'connect returned -1 ECONNREFUSED (Connection refused)', errno: 'ECONNREFUSED' },
    { kind: 'result', time: MS, host: 'server', text: 'accept returned 4' },
  ];
  const m = buildLadder(events, { now: MS, hosts, inflight: [] });
  assert.deepEqual(m.notes.map((n) => n.kind), ['error', 'result']);
});

test('packets in flight stop at now and point at their arrival', () => {
  const events = [send(1, 0, 'client', tcpPacket({ ...C, seq: 1, flags: 0x02 }))];
  const state = { now: 4 * MS, hosts, inflight: [{ id: 1, from: 'client', to: 'server', sentAt: 0, arriveAt: 10 * MS, summary: 'x' }] };
  const m = buildLadder(events, state);
  const a = m.arrows[0];
  assert.equal(a.status, 'inflight');
  assert.ok(Math.abs(a.progress - 0.4) < 1e-9);
  assert.ok(a.y2 > m.nowY && m.nowY > a.y1);
});

test('gapFor grows with time and compresses long silences', () => {
  assert.equal(gapFor(0).gap, GEOMETRY.sameTime);
  assert.ok(gapFor(10 * MS).gap < gapFor(20 * MS).gap);
  assert.deepEqual(gapFor(60_000 * MS), { gap: GEOMETRY.maxGap, cut: true });
});

test('an empty session has no arrows and a now line', () => {
  const m = buildLadder([], { now: 0, hosts, inflight: [] });
  assert.equal(m.arrows.length, 0);
  assert.equal(m.nowY, GEOMETRY.top);
});

test('labels of crossing arrows move towards their senders', () => {
  const events = [
    send(1, 0, 'client', tcpPacket({ ...C, seq: 5, ack: 9, flags: 0x11 })),
    send(2, 0, 'server', tcpPacket({ ...S, seq: 9, ack: 5, flags: 0x11 })),
    { kind: 'deliver', packet: 1, time: 10 * MS },
    { kind: 'deliver', packet: 2, time: 10 * MS },
    send(3, 20 * MS, 'client', tcpPacket({ ...C, seq: 6, ack: 10, flags: 0x10 })),
    { kind: 'deliver', packet: 3, time: 30 * MS },
  ];
  const m = buildLadder(events, { now: 30 * MS, hosts, inflight: [] });
  assert.deepEqual(m.arrows.map((a) => a.labelAt), [0.3, 0.3, 0.5]);
});
