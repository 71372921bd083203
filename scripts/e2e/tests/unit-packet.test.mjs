import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket, arrowLabel, SeqNumbering } from '../../../site/js/packet.mjs';
import { tcpPacket, udpPacket, windowScale, sack } from '../lib/packets.mjs';

test('decodePacket reads IPv4 and TCP headers', () => {
  const p = decodePacket(tcpPacket({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80, seq: 0xfffffff0, ack: 7, flags: 0x18, payload: 'hi' }));
  assert.equal(p.proto, 'tcp');
  assert.equal(p.src, '10.0.0.1');
  assert.equal(p.dst, '10.0.0.2');
  assert.equal(p.sport, 40000);
  assert.equal(p.dport, 80);
  assert.equal(p.seq, 0xfffffff0);
  assert.deepEqual(p.flags, ['PSH', 'ACK']);
  assert.equal(p.len, 2);
});

test('decodePacket refuses what is not IPv4 and survives truncation', () => {
  assert.equal(decodePacket(new Uint8Array(0)), null);
  assert.equal(decodePacket(new Uint8Array(19)), null);
  const full = tcpPacket({ flags: 0x02 });
  for (let n = 0; n <= full.length; n++) decodePacket(full.subarray(0, n)); // never throws
  const v6 = full.slice();
  v6[0] = 0x65;
  assert.equal(decodePacket(v6), null);
});

test('relative sequence numbers start at each side\'s ISN, as tcpdump prints', () => {
  const n = new SeqNumbering();
  const c = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
  const s = { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], sport: 80, dport: 40000 };
  const syn = decodePacket(tcpPacket({ ...c, seq: 1000, flags: 0x02 }));
  const synAck = decodePacket(tcpPacket({ ...s, seq: 5000, ack: 1001, flags: 0x12 }));
  const ack = decodePacket(tcpPacket({ ...c, seq: 1001, ack: 5001, flags: 0x10 }));
  const data = decodePacket(tcpPacket({ ...c, seq: 1001, ack: 5001, flags: 0x18, payload: 'GET / HTTP/1.0\r\n\r\n' }));
  assert.equal(arrowLabel(syn, n.relative(syn)), 'SYN seq 0');
  assert.equal(arrowLabel(synAck, n.relative(synAck)), 'SYN, ACK seq 0 ack 1');
  assert.equal(arrowLabel(ack, n.relative(ack)), 'ACK ack 1');
  assert.equal(arrowLabel(data, n.relative(data)), 'PSH, ACK seq 1:19 ack 1');
  assert.equal(arrowLabel(data, data), 'PSH, ACK seq 1001:1019 ack 5001');
});

test('a new SYN on the same ports restarts the numbering', () => {
  const n = new SeqNumbering();
  const c = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
  n.relative(decodePacket(tcpPacket({ ...c, seq: 1000, flags: 0x02 })));
  const again = decodePacket(tcpPacket({ ...c, seq: 9000, flags: 0x02 }));
  assert.equal(n.relative(again).seq, 0);
});

test('sequence numbers wrap modulo 2^32', () => {
  const n = new SeqNumbering();
  const c = { sport: 1, dport: 2 };
  n.relative(decodePacket(tcpPacket({ ...c, seq: 0xffffffff, flags: 0x02 })));
  const next = decodePacket(tcpPacket({ ...c, seq: 4, flags: 0x10 }));
  assert.equal(n.relative(next).seq, 5);
});

test('arrows show the window as Wireshark computes it, when it changes, and SACK blocks', () => {
  const n = new SeqNumbering();
  const c = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
  const s = { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], sport: 80, dport: 40000 };
  const label = (fields) => { const p = decodePacket(tcpPacket(fields)); return arrowLabel(p, n.relative(p)); };
  // The SYNs offer shifts 7 and 6; a SYN's own window is never scaled (RFC 7323 2.2).
  assert.equal(label({ ...c, seq: 1000, flags: 0x02, window: 64240, options: windowScale(7) }), 'SYN seq 0');
  assert.equal(label({ ...s, seq: 5000, ack: 1001, flags: 0x12, window: 65160, options: windowScale(6) }), 'SYN, ACK seq 0 ack 1');
  assert.equal(label({ ...c, seq: 1001, ack: 5001, window: 502 }), 'ACK ack 1', 'the first window of a side is its baseline');
  assert.equal(label({ ...c, seq: 1001, ack: 5001, window: 502, flags: 0x18, payload: 'x' }), 'PSH, ACK seq 1:2 ack 1', 'unchanged: not repeated');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 1000 }), 'ACK ack 2');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 1200 }), 'ACK ack 2', 'a window that only grows is not news');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 800 }), 'ACK ack 2 win 51200', 'a shrinking one is');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 0 }), 'ACK ack 2 win 0', 'a zero window is always news');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 0 }), 'ACK ack 2 win 0', 'and said again while it lasts');
  assert.equal(label({ ...s, seq: 5001, ack: 1002, window: 40 }), 'ACK ack 2 win 2560', '40 << 6, as Wireshark\'s calculated window');
  const sacked = decodePacket(tcpPacket({ ...s, seq: 5001, ack: 1002, window: 40, options: sack([1003, 1005], [1007, 1009]) }));
  assert.deepEqual(sacked.sack, [[1003, 1005], [1007, 1009]]);
  assert.equal(arrowLabel(sacked, n.relative(sacked)), 'ACK ack 2 SACK 3:5 7:9', 'SACK blocks count from the data sender\'s ISN, as the ack does');
});

test('without window scaling on both SYNs, windows are not scaled', () => {
  const n = new SeqNumbering();
  const c = { src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80 };
  const s = { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], sport: 80, dport: 40000 };
  for (const f of [{ ...c, seq: 1, flags: 0x02, options: windowScale(7) }, { ...s, seq: 9, ack: 2, flags: 0x12 }, { ...c, seq: 2, ack: 10, window: 500 }]) {
    n.relative(decodePacket(tcpPacket(f)));
  }
  const p = decodePacket(tcpPacket({ ...c, seq: 2, ack: 10, window: 400 }));
  assert.equal(arrowLabel(p, n.relative(p)), 'ACK ack 1 win 400');
});

test('UDP and ICMP labels', () => {
  assert.equal(arrowLabel(decodePacket(udpPacket({ payload: 'hello' }))), 'UDP len 5');
  const icmp = udpPacket({ payload: '' });
  icmp[9] = 1;
  icmp[20] = 3;
  icmp[21] = 3;
  assert.equal(arrowLabel(decodePacket(icmp)), 'ICMP port unreachable');
  assert.equal(arrowLabel(null), 'malformed packet');
});
