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
    readOptions(p, t.subarray(20, off));
    p.len = p.payload.length;
  } else if (p.protoNumber === 17 && t.length >= 8) {
    Object.assign(p, { proto: 'udp', sport: u16(t, 0), dport: u16(t, 2), payload: t.subarray(8) });
    p.len = p.payload.length;
  } else if (p.protoNumber === 1 && t.length >= 4) {
    Object.assign(p, { proto: 'icmp', type: t[0], code: t[1] });
  }
  return p;
}

// readOptions sets p.wscale and p.sack from the TCP options that the
// arrows show (RFC 7323 2, RFC 2018 3); a malformed list stops the reading.
function readOptions(p, o) {
  for (let i = 0; i < o.length;) {
    const kind = o[i];
    if (kind === 0) break; // end of options
    if (kind === 1) { i++; continue; } // NOP
    const len = o[i + 1];
    if (!len || len < 2 || i + len > o.length) break;
    if (kind === 3 && len === 3) p.wscale = Math.min(o[i + 2], 14);
    if (kind === 5 && len >= 10) {
      p.sack = [];
      for (let j = i + 2; j + 8 <= i + len; j += 8) p.sack.push([u32(o, j), u32(o, j + 4)]);
    }
    i += len;
  }
}

const ICMP_NAMES = { 0: 'echo reply', 8: 'echo request', 11: 'time exceeded' };
const UNREACHABLE = { 0: 'net unreachable', 1: 'host unreachable', 3: 'port unreachable' };

// SeqNumbering turns absolute sequence numbers into relative ones the way
// tcpdump and Wireshark do: from the first number seen in each direction
// of a connection, restarting at every SYN. It also follows each side's
// window as Wireshark does: scaled by the shift its SYN offered when both
// SYNs offered one (RFC 7323 2.2), and whether it changed.
export class SeqNumbering {
  constructor(base = new Map(), flows = new Map()) {
    this.base = base;
    this.flows = flows; // direction → {offered, scale, window, shown}
  }

  // clone numbers on from where this one is, leaving it unchanged.
  clone() {
    return new SeqNumbering(new Map(this.base), new Map([...this.flows].map(([k, f]) => [k, { ...f }])));
  }

  // relative returns {seq, ack, sack, window, windowNews}: the numbers from
  // each ISN, the window in bytes, and whether the window is worth showing.
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
    const fromPeer = (v) => (this.base.has(back) ? (v - this.base.get(back)) >>> 0 : v);
    return { seq, ack: fromPeer(p.ack), sack: p.sack?.map(([l, r]) => [fromPeer(l), fromPeer(r)]), ...this.window(p, key, back) };
  }

  window(p, key, back) {
    let flow = this.flows.get(key);
    if (p.flagBits & 0x02) {
      flow = { offered: p.wscale, scale: 0, window: null };
      this.flows.set(key, flow);
      const peer = this.flows.get(back);
      if (p.flagBits & 0x10 && peer && peer.offered !== undefined && p.wscale !== undefined) {
        peer.scale = peer.offered;
        flow.scale = p.wscale;
      }
      return { window: p.window, windowNews: false }; // a SYN's window is never scaled
    }
    if (!flow) {
      flow = { scale: 0, window: null };
      this.flows.set(key, flow);
    }
    const window = p.window * 2 ** flow.scale;
    // News: a window that closes or shrinks, and the first change after
    // one (it opens again); a window that only grows (autotuning) is not.
    const windowNews = window === 0 || (flow.window !== null && (window < flow.window || (flow.shown && window !== flow.window)));
    Object.assign(flow, { window, shown: windowNews });
    return { window, windowNews };
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
    if (numbers?.windowNews) parts.push(`win ${numbers.window}`);
    const sack = numbers?.sack ?? p.sack;
    if (sack?.length) parts.push(`SACK ${sack.map(([l, r]) => `${l}:${r}`).join(' ')}`);
    return parts.join(' ');
  }
  if (p.proto === 'udp') return `UDP len ${p.len}`;
  if (p.proto === 'icmp') {
    const name = p.type === 3 ? UNREACHABLE[p.code] ?? `unreachable code ${p.code}` : ICMP_NAMES[p.type] ?? `type ${p.type}`;
    return `ICMP ${name}`;
  }
  return `IP proto ${p.protoNumber}`;
}
