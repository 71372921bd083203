// Hand-built IPv4 packets for unit tests (checksums left zero: the page's
// decoder does not check them).
const enc = new TextEncoder();

function ipv4(proto, src, dst, transport) {
  const b = new Uint8Array(20 + transport.length);
  b[0] = 0x45;
  b[2] = b.length >> 8;
  b[3] = b.length & 0xff;
  b[8] = 64;
  b[9] = proto;
  b.set(src, 12);
  b.set(dst, 16);
  b.set(transport, 20);
  return b;
}

export function tcpPacket({ src = [10, 0, 0, 1], dst = [10, 0, 0, 2], sport = 40000, dport = 80, seq = 0, ack = 0, flags = 0x10, window = 64240, payload = '', options = [] } = {}) {
  const data = enc.encode(payload);
  const opts = [...options];
  while (opts.length % 4) opts.push(1); // NOP padding to a 32-bit boundary
  const t = new Uint8Array(20 + opts.length + data.length);
  const dv = new DataView(t.buffer);
  dv.setUint16(0, sport);
  dv.setUint16(2, dport);
  dv.setUint32(4, seq >>> 0);
  dv.setUint32(8, ack >>> 0);
  t[12] = ((20 + opts.length) / 4) << 4;
  t[13] = flags;
  dv.setUint16(14, window);
  t.set(opts, 20);
  t.set(data, 20 + opts.length);
  return ipv4(6, src, dst, t);
}

// TCP options as bytes (RFC 9293 3.2, RFC 7323 2, RFC 2018 3).
export const windowScale = (shift) => [3, 3, shift];
export const sack = (...blocks) => [5, 2 + 8 * blocks.length, ...blocks.flatMap(([l, r]) => [...u32(l), ...u32(r)])];
const u32 = (v) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export function udpPacket({ src = [10, 0, 0, 1], dst = [10, 0, 0, 2], sport = 5000, dport = 53, payload = '' } = {}) {
  const data = enc.encode(payload);
  const t = new Uint8Array(8 + data.length);
  const dv = new DataView(t.buffer);
  dv.setUint16(0, sport);
  dv.setUint16(2, dport);
  dv.setUint16(4, t.length);
  t.set(data, 8);
  return ipv4(17, src, dst, t);
}

export function toBase64(bytes) {
  return Buffer.from(bytes).toString('base64');
}
