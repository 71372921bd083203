// The graphs of one direction of one TCP connection, as layers of numbers
// read from the engine's stream() columns (wasm/README.md): pure, so the
// canvas, the SVG export and the unit tests share it. x is virtual time in
// nanoseconds; y is relative sequence space, bytes, bits/s or ns.

import { formatTime } from '../format.mjs';
import { GRAPH_KINDS, SERIES, PHASES, AXES } from './strings.mjs';

export const COLORS = {
  segment: '#1f3a93', retransmission: '#d62728', lost: '#8a8a8a', ack: '#2ca02c', window: '#b8a000',
  sack: '#9467bd', cwnd: '#111111', ssthresh: '#7f7f7f', flight: '#9467bd', rwnd: '#b8a000',
  sent: '#1f77b4', goodput: '#2ca02c', sample: '#111111', srtt: '#1f77b4', rttvar: '#ff7f0e', rto: '#d62728',
  'slow-start': '#2ca02c', 'congestion-avoidance': '#1f77b4', recovery: '#ff7f0e', loss: '#d62728',
};

const MS = 1e6;

// buildGraph turns stream data into a graph: {kind, title, yLabel,
// x: [lo, hi], y: [lo, hi], layers, legend, formatY}. Layers are
// bars (xs, ys to ys2), dots, steps (each value holds until the next) and
// bands (phases shaded from xs[i] to the next start). tagNames are the
// expert tags by bit (expert().tags); absolute labels sequence numbers
// from the ISN as tcpdump -S does.
// keep (a Set of packet ids, the display filter) drops the other packets'
// points; the phases and throughput stay whole.
export function buildGraph(kind, data, { tagNames = [], absolute = false, keep = null } = {}) {
  const meta = GRAPH_KINDS.find((k) => k.id === kind) ?? GRAPH_KINDS[0];
  const g = { kind: meta.id, title: meta.title, layers: [], legend: [], formatY: (v) => String(Math.round(v)) };
  const tagsOf = (bits) => tagNames.filter((_, i) => bits & (1 << i));
  const bit = (name) => 1 << Math.max(0, tagNames.indexOf(name));
  const seqText = (v) => String(absolute ? (data.isn + v) % 2 ** 32 : v);
  const s = data.segments;
  switch (meta.id) {
    case 'tcptrace':
    case 'stevens': {
      g.yLabel = absolute ? AXES.seqAbsolute : AXES.seqRelative;
      g.formatY = seqText;
      const sized = indices(s.time.length, (i) => s.end[i] > s.seq[i]);
      const retx = bit('retransmission');
      const lost = bit('lost');
      const classes = [
        ['segment', (i) => !(s.tags[i] & (retx | lost))],
        ['retransmission', (i) => (s.tags[i] & retx) && !(s.tags[i] & lost)],
        ['lost', (i) => s.tags[i] & lost],
      ];
      const segInfo = (i) => [['time', formatTime(s.time[i])], ['seq', `${seqText(s.seq[i])}:${seqText(s.end[i])}`],
        ['length', String(s.end[i] - s.seq[i])], ...tagsOf(s.tags[i]).map((t) => ['tag', t])];
      if (meta.id === 'tcptrace') {
        const a = data.acks;
        g.layers.push(steps('window', a.time, a.window, a.packet, (i) => [['time', formatTime(a.time[i])], ['window edge', seqText(a.window[i])], ['window', String(a.window[i] - a.ack[i])]]));
        g.layers.push(steps('ack', a.time, a.ack, a.packet, (i) => [['time', formatTime(a.time[i])], ['ack', seqText(a.ack[i])]]));
        const sx = [], sy = [], sy2 = [], sp = [];
        for (let k = 0; k + 2 < a.sack.length; k += 3) {
          const i = a.sack[k];
          sx.push(a.time[i]); sy.push(a.sack[k + 1]); sy2.push(a.sack[k + 2]); sp.push(a.packet[i]);
        }
        g.layers.push(layer('bars', 'sack', sx, sy, sp, (j) => [['time', formatTime(sx[j])], ['SACK', `${seqText(sy[j])}:${seqText(sy2[j])}`]], sy2));
      }
      for (const [key, keep] of classes) {
        const idx = sized.filter(keep);
        const ys = pick(s.seq, idx);
        const l = layer(meta.id === 'tcptrace' ? 'bars' : 'dots', key, pick(s.time, idx), ys, pick(s.packet, idx),
          (j) => segInfo(idx[j]), meta.id === 'tcptrace' ? pick(s.end, idx) : null);
        g.layers.push(l);
      }
      break;
    }
    case 'cwnd': {
      const st = data.states;
      g.yLabel = AXES.bytes;
      const names = data.phases ?? [];
      const top = Math.max(maxOf(st.cwnd), maxOf(st.flight), maxOf(st.rwnd));
      const ssth = st.ssthresh.map((v) => Math.min(v, top * 1.1)); // "infinite" would flatten the rest
      const info = (i) => [['time', formatTime(st.time[i])], ['cwnd', String(st.cwnd[i])],
        ['ssthresh', st.ssthresh[i] >= 2 ** 30 ? '∞' : String(st.ssthresh[i])], ['in flight', String(st.flight[i])],
        ["peer's window", String(st.rwnd[i])], ['phase', PHASES[names[st.phase[i]]] ?? '']];
      const bands = layer('bands', 'phase', st.time, st.phase, st.packet, info);
      bands.names = names;
      g.layers.push(bands);
      g.layers.push(steps('rwnd', st.time, st.rwnd, st.packet, info));
      g.layers.push(steps('ssthresh', st.time, ssth, st.packet, info));
      g.layers.push(steps('flight', st.time, st.flight, st.packet, info));
      g.layers.push(steps('cwnd', st.time, st.cwnd, st.packet, info));
      for (const p of new Set(st.phase)) g.legend.push({ key: names[p], name: PHASES[names[p]] ?? names[p], color: COLORS[names[p]], band: true });
      break;
    }
    case 'throughput': {
      const t = data.throughput;
      g.yLabel = AXES.bits;
      g.formatY = formatBits;
      const first = t.time.map((x, i) => firstAtOrAfter(s.time, x, t.time[i + 1] ?? Infinity, s.packet));
      const info = (i) => [['from', formatTime(t.time[i])], ['sent', formatBits(t.bits[i])], ['goodput', formatBits(t.good[i])]];
      g.layers.push(steps('sent', t.time, t.bits, first, info));
      g.layers.push(steps('goodput', t.time, t.good, first, info));
      break;
    }
    case 'rtt': {
      const r = data.rtt;
      g.yLabel = AXES.ms;
      g.formatY = (v) => trim(v / MS);
      const info = (i) => [['time', formatTime(r.time[i])], ['sample', formatTime(r.sample[i])], ['SRTT', formatTime(r.srtt[i])],
        ['RTTVAR', formatTime(r.rttvar[i])], ['RTO', formatTime(r.rto[i])]];
      g.layers.push(steps('rto', r.time, r.rto, r.packet, info));
      g.layers.push(steps('srtt', r.time, r.srtt, r.packet, info));
      g.layers.push(steps('rttvar', r.time, r.rttvar, r.packet, info));
      g.layers.push(layer('dots', 'sample', r.time, r.sample, r.packet, info));
      break;
    }
  }
  if (keep && meta.id !== 'throughput') g.layers = g.layers.map((l) => (l.type === 'bands' ? l : only(l, keep)));
  for (const l of g.layers) {
    if (l.type !== 'bands' && l.xs.length) g.legend.push({ key: l.key, name: SERIES[l.key], color: COLORS[l.key] });
  }
  g.x = extent(g.layers.flatMap((l) => [l.xs]), data.segments.time);
  g.y = [0, Math.max(1, ...g.layers.filter((l) => l.type !== 'bands').map((l) => maxOf(l.ys2 ?? l.ys)))];
  g.y[1] *= 1.05;
  return g;
}

function layer(type, key, xs, ys, packets, info, ys2 = null) {
  return { type, key, color: COLORS[key], xs, ys, ys2, packets, info };
}

// only is layer l with the points of the packets in keep.
function only(l, keep) {
  const idx = indices(l.xs.length, (i) => keep.has(l.packets[i]));
  const info = l.info;
  return { ...l, xs: pick(l.xs, idx), ys: pick(l.ys, idx), ys2: l.ys2 && pick(l.ys2, idx), packets: pick(l.packets, idx), info: (j) => info(idx[j]) };
}

function steps(key, xs, ys, packets, info) { return layer('steps', key, xs, ys, packets, info); }

function indices(n, keep) {
  const out = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return out;
}

function pick(col, idx) { return idx.map((i) => col[i]); }

function maxOf(col) {
  let m = 0;
  for (const v of col) if (v > m) m = v;
  return m;
}

// extent is the time range of every layer (and the segments'), widened
// when it is a single instant.
function extent(cols, more) {
  let lo = Infinity, hi = -Infinity;
  for (const col of [...cols, more]) {
    for (const v of col) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  if (lo === Infinity) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - MS, hi + MS];
}

// firstAtOrAfter is the first packet sent in [from, to), or 0.
function firstAtOrAfter(times, from, to, packets) {
  const i = lowerBound(times, from);
  return i < times.length && times[i] < to ? packets[i] : 0;
}

// lowerBound is the first index whose value is >= v in a sorted column.
export function lowerBound(col, v) {
  let lo = 0, hi = col.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (col[mid] < v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function trim(v) { return String(Number(v.toPrecision(4))); }

export function formatBits(v) {
  if (v >= 1e9) return `${trim(v / 1e9)} Gbit/s`;
  if (v >= 1e6) return `${trim(v / 1e6)} Mbit/s`;
  if (v >= 1e3) return `${trim(v / 1e3)} kbit/s`;
  return `${trim(v)} bit/s`;
}

// ticks are round values between lo and hi, about count of them.
export function ticks(lo, hi, count) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = mag;
  for (const m of [2, 5, 10]) if (Math.abs(span / (m * mag) - count) < Math.abs(span / step - count)) step = m * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

// formatAxisTime labels a time tick for a view spanning span ns.
export function formatAxisTime(ns, span) {
  if (span < 5 * MS) return `${trim(ns / MS)} ms`;
  if (span < 5e9) return `${trim(ns / 1e9)} s`;
  return `${trim(ns / 1e9)} s`;
}

// Scale maps data to pixels in a plot box for a view {x0, x1, y0, y1}.
export class Scale {
  constructor(view, box) {
    this.view = view;
    this.box = box; // {left, top, width, height}
  }

  px(x) { return this.box.left + (x - this.view.x0) / (this.view.x1 - this.view.x0) * this.box.width; }
  py(y) { return this.box.top + this.box.height - (y - this.view.y0) / (this.view.y1 - this.view.y0) * this.box.height; }
  dataX(px) { return this.view.x0 + (px - this.box.left) / this.box.width * (this.view.x1 - this.view.x0); }
  dataY(py) { return this.view.y0 + (this.box.top + this.box.height - py) / this.box.height * (this.view.y1 - this.view.y0); }
}

// visibleRange is the index range [from, to) of a time-sorted column
// inside [x0, x1], with one point before for lines that continue.
export function visibleRange(xs, x0, x1) {
  return [Math.max(0, lowerBound(xs, x0) - 1), Math.min(xs.length, lowerBound(xs, x1) + 1)];
}

// occupancy rasterises bars or dots of a layer into one bit per device
// pixel of the plot box, so 100,000 segments cost one rectangle per run of
// pixels rather than one each: [{col, from, to}] runs, in plot pixels.
export function occupancy(l, scale, { width, height }) {
  const mask = new Uint8Array(width * height);
  const [from, to] = visibleRange(l.xs, scale.view.x0, scale.view.x1);
  const { left, top } = scale.box;
  for (let i = from; i < to; i++) {
    const c = Math.round(scale.px(l.xs[i]) - left);
    if (c < 0 || c >= width) continue;
    let r0 = Math.round(scale.py(l.ys2 ? l.ys2[i] : l.ys[i]) - top);
    let r1 = Math.round(scale.py(l.ys[i]) - top);
    if (r1 < 0 || r0 >= height) continue;
    r0 = Math.max(0, r0); r1 = Math.min(height - 1, r1);
    for (let r = r0; r <= r1; r++) mask[r * width + c] = 1;
  }
  const runs = [];
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < height; r++) {
      if (!mask[r * width + c]) continue;
      const start = r;
      while (r + 1 < height && mask[(r + 1) * width + c]) r++;
      runs.push({ col: c, from: start, to: r });
    }
  }
  return runs;
}

// stepPath is a step line decimated to at most four vertices per pixel
// column (entering, lowest, highest, leaving): [[x, y]…] in pixels, the
// last value held to the data's end.
export function stepPath(l, scale, xEnd) {
  const [from, to] = visibleRange(l.xs, scale.view.x0, scale.view.x1);
  const pts = [];
  let col = null, lo = 0, hi = 0, last = 0;
  const flush = () => {
    if (col === null) return;
    if (hi > lo) pts.push([col, lo], [col, hi]);
    pts.push([col, last]);
  };
  for (let i = from; i < to; i++) {
    const x = Math.round(scale.px(l.xs[i]));
    const y = scale.py(l.ys[i]);
    if (x === col) {
      lo = Math.min(lo, y); hi = Math.max(hi, y); last = y;
      continue;
    }
    flush();
    if (col !== null) pts.push([x, last]);
    col = x; lo = hi = last = y;
    pts.push([x, y]);
  }
  flush();
  if (col !== null) pts.push([Math.round(scale.px(Math.max(xEnd, l.xs[to - 1] ?? xEnd))), last]);
  return pts;
}

// bandRuns are the phases' spans [{x0, x1, phase}] merged where one phase
// follows itself, in data units.
export function bandRuns(l, xEnd) {
  const runs = [];
  for (let i = 0; i < l.xs.length; i++) {
    const x1 = l.xs[i + 1] ?? xEnd;
    const last = runs[runs.length - 1];
    if (last && last.phase === l.ys[i]) last.x1 = x1;
    else runs.push({ x0: l.xs[i], x1, phase: l.ys[i] });
  }
  return runs;
}

// nearest finds the point of a layer with packets closest to the pixel
// (px, py) within reach pixels: {layer, index, packet, dist} or null.
export function nearest(g, scale, px, py, reach = 10) {
  let best = null;
  const x0 = scale.dataX(px - reach), x1 = scale.dataX(px + reach);
  for (const l of g.layers) {
    if (l.type === 'bands' || !l.packets) continue;
    const from = lowerBound(l.xs, x0), to = lowerBound(l.xs, x1 + 1);
    for (let i = from; i < to; i++) {
      const dx = scale.px(l.xs[i]) - px;
      const yTop = scale.py(l.ys2 ? l.ys2[i] : l.ys[i]), yBottom = scale.py(l.ys[i]);
      const dy = py < yTop ? yTop - py : py > yBottom ? py - yBottom : 0;
      const dist = Math.hypot(dx, dy);
      if (dist <= reach && (!best || dist < best.dist) && l.packets[i]) best = { layer: l, index: i, packet: l.packets[i], dist };
    }
  }
  return best;
}

// points lists every clickable point in time order, for keyboard stepping.
export function points(g) {
  const out = [];
  for (const l of g.layers) {
    if (l.type === 'bands' || !l.packets) continue;
    for (let i = 0; i < l.xs.length; i++) if (l.packets[i]) out.push({ layer: l, index: i, packet: l.packets[i], x: l.xs[i] });
  }
  return out.sort((a, b) => a.x - b.x || a.packet - b.packet);
}
