// A small read-only decoder of the IPv4 packets in trace events, enough to
// label the ladder's arrows. The inspector shows the engine's full decode.

const FLAG_NAMES = [
  [0x02, 'SYN'], [0x01, 'FIN'], [0x04, 'RST'], [0x08, 'PSH'],
  [0x10, 'ACK'], [0x20, 'URG'], [0x40, 'ECE'], [0x80, 'CWR'],
];

const u16 = (b, i) => (b[i] << 8) | b[i + 1];
const u32 = (b, i) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const ip = (b, i) => `${b[i]}.${b[i + 1]}.${b[i + 2]}.${b[i + 3]}`;

// decodePacket returns {src, dst, proto, …} or null when the bytes are not
// a well-formed IPv4 packet (a corrupted one may still decode).
export function decodePacket(bytes) {
  if (!bytes || bytes.length < 20 || bytes[0] >> 4 !== 4) return null;
  const ihl = (bytes[0] & 0x0f) * 4;
  const total = Math.min(u16(bytes, 2), bytes.length);
  if (ihl < 20 || total < ihl) return null;
  const p = { src: ip(bytes, 12), dst: ip(bytes, 16), ttl: bytes[8], protoNumber: bytes[9], proto: 'ip', length: total };
  const t = bytes.subarray(ihl, total);
  if (p.protoNumber === 6 && t.length >= 20) {
    const off = (t[12] >> 4) * 4;
    if (off < 20 || off > t.length) return p;
    const flags = t[13];
    Object.assign(p, {
      proto: 'tcp', sport: u16(t, 0), dport: u16(t, 2), seq: u32(t, 4), ack: u32(t, 8),
      flagBits: flags, flags: FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name),
      window: u16(t, 14), payload: t.subarray(off),
    });
    p.len = p.payload.length;
  } else if (p.protoNumber === 17 && t.length >= 8) {
    Object.assign(p, { proto: 'udp', sport: u16(t, 0), dport: u16(t, 2), payload: t.subarray(8) });
    p.len = p.payload.length;
  } else if (p.protoNumber === 1 && t.length >= 4) {
    Object.assign(p, { proto: 'icmp', type: t[0], code: t[1] });
  }
  return p;
}

const ICMP_NAMES = { 0: 'echo reply', 8: 'echo request', 11: 'time exceeded' };
const UNREACHABLE = { 0: 'net unreachable', 1: 'host unreachable', 3: 'port unreachable' };

// SeqNumbering turns absolute sequence numbers into relative ones the way
// tcpdump and Wireshark do: from the first number seen in each direction
// of a connection, restarting at every SYN.
export class SeqNumbering {
  constructor(base = new Map()) { this.base = base; }

  // clone numbers on from where this one is, leaving it unchanged.
  clone() { return new SeqNumbering(new Map(this.base)); }

  relative(p) {
    const key = `${p.src}:${p.sport}>${p.dst}:${p.dport}`;
    const back = `${p.dst}:${p.dport}>${p.src}:${p.sport}`;
    const syn = p.flagBits & 0x02;
    const ackBit = p.flagBits & 0x10;
    if (syn) {
      this.base.set(key, p.seq);
      if (!ackBit) this.base.delete(back);
    } else if (!this.base.has(key)) {
      this.base.set(key, p.seq);
    }
    const seq = (p.seq - this.base.get(key)) >>> 0;
    const ack = this.base.has(back) ? (p.ack - this.base.get(back)) >>> 0 : p.ack;
    return { seq, ack };
  }
}

// arrowLabel is the short text on a ladder arrow: "SYN, ACK seq 0 ack 1",
// "PSH, ACK seq 1:19 ack 1" (the range gives the length), "UDP len 5".
// numbers is {seq, ack}, relative or absolute, for TCP.
export function arrowLabel(p, numbers) {
  if (!p) return 'malformed packet';
  if (p.proto === 'tcp') {
    const { seq, ack } = numbers ?? p;
    const parts = [p.flags.join(', ') || 'no flags'];
    if (p.len > 0) parts.push(`seq ${seq}:${(seq + p.len) >>> 0}`);
    else if (p.flagBits & 0x07) parts.push(`seq ${seq}`); // SYN, FIN, RST
    if (p.flagBits & 0x10) parts.push(`ack ${ack}`);
    return parts.join(' ');
  }
  if (p.proto === 'udp') return `UDP len ${p.len}`;
  if (p.proto === 'icmp') {
    const name = p.type === 3 ? UNREACHABLE[p.code] ?? `unreachable code ${p.code}` : ICMP_NAMES[p.type] ?? `type ${p.type}`;
    return `ICMP ${name}`;
  }
  return `IP proto ${p.protoNumber}`;
}
