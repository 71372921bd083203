// The ladder's layout (site/js/ladder-layout.mjs) without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLadder, arrowTags } from '../../../site/js/ladder-model.mjs';
import { layoutLadder, laneX, fitNote, wrapLabel, labelWords, overlaps } from '../../../site/js/ladder-layout.mjs';
import { tcpPacket, toBase64 } from '../lib/packets.mjs';

const MS = 1e6;
const C = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
const S = { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], sport: 80, dport: 40000 };
const hosts = [{ name: 'client' }, { name: 'server' }];
const send = (packet, time, from, bytes) => ({ kind: 'send', packet, time, from, to: from === 'client' ? 'server' : 'client', bytes: toBase64(bytes) });

// corners of a laid-out label, as the page draws it.
function corners(l) {
  const a = (l.angle * Math.PI) / 180;
  const hw = l.width / 2;
  const top = -(15 + (l.lines.length - 1) * 13);
  const bottom = l.sub.length ? 15 : 1;
  return [[-hw, top], [hw, top], [hw, bottom], [-hw, bottom]].map(([u, v]) => [l.x + u * Math.cos(a) - v * Math.sin(a), l.y + u * Math.sin(a) + v * Math.cos(a)]);
}

test('two FINs crossing on a phone get labels apart', () => {
  const events = [
    send(1, 0, 'client', tcpPacket({ ...C, seq: 5, ack: 9, flags: 0x11 })),
    send(2, 0, 'server', tcpPacket({ ...S, seq: 9, ack: 5, flags: 0x11 })),
    { kind: 'deliver', packet: 1, time: 10 * MS },
    { kind: 'deliver', packet: 2, time: 10 * MS },
  ];
  for (const width of [360, 600, 1200]) {
    const model = buildLadder(events, { now: 10 * MS, hosts, inflight: [] }, { width });
    const { labels } = layoutLadder(model, width, arrowTags);
    assert.equal(overlaps(corners(labels.get(1)), corners(labels.get(2))), false, `at ${width} px`);
  }
});

test('a burst of segments sent at once leaves room for each label', () => {
  const events = [];
  for (let i = 0; i < 6; i++) events.push(send(i + 1, 0, 'client', tcpPacket({ ...C, seq: 1 + i * 1448, ack: 1, flags: 0x10, payload: 'x'.repeat(1448) })));
  for (let i = 0; i < 6; i++) events.push({ kind: 'deliver', packet: i + 1, time: 10 * MS });
  const model = buildLadder(events, { now: 10 * MS, hosts, inflight: [] }, { width: 360 });
  const { labels } = layoutLadder(model, 360, arrowTags);
  for (let i = 1; i < 6; i++) assert.equal(overlaps(corners(labels.get(i)), corners(labels.get(i + 1))), false, `#${i} and #${i + 1}`);
});

test('a state too long for the room beside its lane takes its ss name, never an ellipsis', () => {
  assert.equal(fitNote({ kind: 'state', text: 'SYN-RECEIVED' }, 10), 'SYN-RECV');
  assert.equal(fitNote({ kind: 'state', text: 'ESTABLISHED' }, 10), 'ESTAB');
  assert.equal(fitNote({ kind: 'state', text: 'FIN-WAIT-1' }, 10), 'FIN-WAIT-1');
  assert.equal(fitNote({ kind: 'note', text: 'retransmit 1:1449 (1448 bytes)' }, 10), 'retransmi…');
  const xs = laneX(['client', 'server'], 360);
  assert.ok(xs.get('client') >= 10 * 6.7 + 12, 'room for FIN-WAIT-1 on the left of the client');
});

test('a label wraps at words to the room it has', () => {
  const words = labelWords({ id: 7, label: 'PSH, ACK seq 1:843 ack 45' }, ['retransmission (timeout)']);
  assert.equal(words.map((w) => w.text).join(''), '#7 PSH, ACK seq 1:843 ack 45  retransmission (timeout)');
  const lines = wrapLabel(words, 14).map((l) => l.map((w) => w.text).join('').trimEnd());
  assert.deepEqual(lines, ['#7 PSH, ACK', 'seq 1:843 ack', '45', 'retransmission', '(timeout)']);
});
