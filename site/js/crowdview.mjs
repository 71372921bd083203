// Views for many connections, read from the trace: how many connections
// each host has in SYN-SENT, SYN-RECEIVED, ESTABLISHED and TIME-WAIT over
// time, and each listener's SYN and accept queues against their limits
// with the SYNs and ACKs it dropped marked.

import { h, svg, replace } from './dom.mjs';
import { formatTime } from './format.mjs';

export const TRACKED = ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'TIME-WAIT'];

// stateSeries counts each host's connections by state after every state
// event: Map host → Map state → [[time, count], ...] (steps).
export function stateSeries(events) {
  const hosts = new Map();
  for (const e of events) {
    if (e.kind !== 'state' || !e.host) continue;
    let hs = hosts.get(e.host);
    if (!hs) {
      hs = { counts: new Map(), series: new Map(TRACKED.map((s) => [s, [[0, 0]]])) };
      hosts.set(e.host, hs);
    }
    for (const [st, d] of [[e.from, -1], [e.to, 1]]) {
      if (!TRACKED.includes(st)) continue;
      const n = Math.max((hs.counts.get(st) ?? 0) + d, 0);
      hs.counts.set(st, n);
      step(hs.series.get(st), e.time, n);
    }
  }
  return new Map([...hosts].map(([host, hs]) => [host, hs.series]));
}

// step adds a change; changes at the same instant are kept one after the
// other, so a connection accepted the moment it arrives still counts.
function step(series, t, n) {
  if (series[series.length - 1][1] !== n) series.push([t, n]);
}

// queueSeries follows each listener (host and fd) through its Queue
// events: {host, fd, syn: steps, accept: steps, synMax, acceptMax, drops: [times]}.
export function queueSeries(events) {
  const out = new Map();
  for (const e of events) {
    const key = `${e.host} fd ${e.fd}`;
    if (e.kind === 'queue' && e.queue) {
      let q = out.get(key);
      if (!q) {
        q = { host: e.host, fd: e.fd, syn: [[0, 0]], accept: [[0, 0]], drops: [] };
        out.set(key, q);
      }
      step(q.syn, e.time, e.queue.synQ);
      step(q.accept, e.time, e.queue.acceptQ);
      q.synMax = e.queue.synMax;
      q.acceptMax = e.queue.acceptMax;
    } else if (e.kind === 'drop' && e.host && e.fd && out.has(key)) {
      out.get(key).drops.push({ time: e.time, text: e.text ?? '' });
    }
  }
  return [...out.values()];
}

const W = 640;
const H = 150;
const PAD = { l: 40, r: 10, t: 8, b: 22 };
const COLORS = { 'SYN-SENT': '#b7791f', 'SYN-RECEIVED': '#d69e2e', ESTABLISHED: '#1c8a4a', 'TIME-WAIT': '#6b2a8a', syn: '#d69e2e', accept: '#1f63d6' };

// chart draws step lines over [0, end] with a y axis up to top.
function chart(label, lines, end, top, marks = []) {
  const x = (t) => PAD.l + (end > 0 ? (t / end) * (W - PAD.l - PAD.r) : 0);
  const y = (n) => H - PAD.b - (top > 0 ? (n / top) * (H - PAD.t - PAD.b) : 0);
  const path = (pts) => {
    let d = `M${x(pts[0][0])},${y(pts[0][1])}`;
    for (let i = 1; i < pts.length; i++) d += `H${x(pts[i][0])}V${y(pts[i][1])}`;
    return `${d}H${x(end)}`;
  };
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'crowd-chart', role: 'img', 'aria-label': label },
    svg('line', { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, class: 'axis' }),
    svg('line', { x1: PAD.l, x2: PAD.l, y1: PAD.t, y2: H - PAD.b, class: 'axis' }),
    svg('text', { x: PAD.l - 4, y: PAD.t + 8, 'text-anchor': 'end', class: 'tick', text: String(top) }),
    svg('text', { x: PAD.l - 4, y: H - PAD.b, 'text-anchor': 'end', class: 'tick', text: '0' }),
    svg('text', { x: W - PAD.r, y: H - 6, 'text-anchor': 'end', class: 'tick', text: formatTime(end) }),
    svg('text', { x: PAD.l, y: H - 6, class: 'tick', text: '0' }),
    lines.map((l) => (l.limit
      ? svg('line', { x1: PAD.l, x2: W - PAD.r, y1: y(l.limit), y2: y(l.limit), class: 'limit', stroke: l.color })
      : svg('path', { d: path(l.points), class: 'series', stroke: l.color }))),
    marks.map((m) => svg('line', { x1: x(m.time), x2: x(m.time), y1: H - PAD.b, y2: H - PAD.b - 10, class: 'drop-mark' },
      svg('title', { text: `${formatTime(m.time)}: ${m.text}` }))));
}

// legend: [name, swatch class] pairs; the classes are in style.css (the
// page's CSP allows no inline styles).
function legend(items) {
  return h('div', { class: 'crowd-legend' }, items.map(([name, cls]) => h('span', {},
    h('i', { class: `sw ${cls}`, 'aria-hidden': 'true' }), name)));
}

const swatch = (state) => `c-${state.toLowerCase()}`;

function peak(points) { return points.reduce((m, p) => Math.max(m, p[1]), 0); }

// renderCrowdView fills root with the charts for events (up to now).
export function renderCrowdView(root, events, now) {
  const end = Math.max(now, 1);
  const hosts = stateSeries(events);
  const queues = queueSeries(events);
  if (!hosts.size) {
    replace(root, h('p', { class: 'muted', text: 'No TCP connections yet. Try a crowd: net> crowd 100 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)' }));
    return;
  }
  const stateCharts = [...hosts].map(([host, series]) => {
    const top = Math.max(1, ...TRACKED.map((s) => peak(series.get(s))));
    const lines = TRACKED.map((s) => ({ points: series.get(s), color: COLORS[s] }));
    const peaks = TRACKED.map((s) => `${s} ${peak(series.get(s))}`).join(', ');
    return h('figure', { class: 'crowd-fig' },
      h('figcaption', {}, h('b', { text: host }), ` — connections by state (peak: ${peaks})`),
      chart(`${host}: connections by state over time; peaks ${peaks}`, lines, end, top));
  });
  const queueCharts = queues.map((q) => {
    const top = Math.max(1, q.synMax, q.acceptMax, peak(q.syn), peak(q.accept));
    const shown = Math.min(top, Math.max(4, peak(q.syn), peak(q.accept)) * 2);
    const lines = [
      { points: q.syn, color: COLORS.syn }, { points: q.accept, color: COLORS.accept },
      q.synMax <= shown ? { limit: q.synMax, color: COLORS.syn } : null,
      q.acceptMax <= shown ? { limit: q.acceptMax, color: COLORS.accept } : null,
    ].filter(Boolean);
    const caption = `${q.host} fd ${q.fd} — SYN queue (limit ${q.synMax}, peak ${peak(q.syn)}) and accept queue (limit ${q.acceptMax}, peak ${peak(q.accept)}); ${q.drops.length} dropped`;
    return h('figure', { class: 'crowd-fig' },
      h('figcaption', {}, caption),
      chart(caption, lines, end, shown, q.drops));
  });
  replace(root,
    h('h3', { text: 'Connections over time' }),
    legend(TRACKED.map((s) => [s, swatch(s)])),
    stateCharts,
    queueCharts.length ? [h('h3', { text: 'Listen queues' }),
      legend([['SYN queue', 'c-syn'], ['accept queue', 'c-accept'], ['limit', 'c-limit'], ['dropped SYN or ACK', 'c-drop']]),
      queueCharts] : null);
}
