// Views for many connections, drawn from what the engine sums up
// (crowdView: each host's connections by state and each listener's queues
// over time, each crowd's tally) and one client of a crowd on demand
// (crowdClient: its own conversation, drawn as a ladder).

import { h, svg, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { buildLadder } from './ladder-model.mjs';
import { renderLadder } from './ladder.mjs';
import { t } from './i18n.mjs';

// seriesPoints turns a series' per-bucket maxima into step points
// [[time, count], ...] over buckets of step nanoseconds.
export function seriesPoints(max, step) {
  return max.map((n, i) => [i * step, n]);
}

// dropMarks places a listener's drops at their buckets' times.
export function dropMarks(drops, step) {
  return drops.map((d) => ({ time: d.bucket * step, text: t('ui.crowd.dropped-mark', '{n} dropped: {what}', { n: d.n, what: d.text }) }));
}

// lanesOf: a client's ladder has its crowd's lane and the hosts it talked to.
export function lanesOf(events, crowd) {
  const lanes = [crowd];
  for (const e of events) {
    for (const x of e.kind === 'send' ? [e.from, e.to] : []) if (!lanes.includes(x)) lanes.push(x);
  }
  return lanes;
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

const STATES = ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'TIME-WAIT'];

// CrowdView is the "Many clients" panel.
export class CrowdView {
  constructor(root, engine) {
    this.root = root;
    this.engine = engine; // () => the Engine, or null while it loads
    this.picked = null; // {host, client}: the client whose conversation shows
  }

  render(guard) {
    const v = guard(() => this.engine().crowdView());
    if (!v) return;
    const states = v.series.filter((s) => s.fd === 0);
    if (!states.length) {
      replace(this.root, h('p', { class: 'muted', text: t('ui.crowd.none', 'No TCP connections yet. Try a crowd: {example}', { example: 'net> crowd 100 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)' }) }));
      return;
    }
    const end = v.end;
    const stateCharts = [...new Set(states.map((s) => s.host))].map((host) => {
      const mine = STATES.map((name) => states.find((s) => s.host === host && s.name === name) ?? { name, peak: 0, max: [0] });
      const top = Math.max(1, ...mine.map((s) => s.peak));
      const lines = mine.map((s) => ({ points: seriesPoints(s.max, v.step), color: COLORS[s.name] }));
      const peaks = mine.map((s) => `${s.name} ${s.peak}`).join(', ');
      return h('figure', { class: 'crowd-fig' },
        h('figcaption', {}, h('b', { text: host }), t('ui.crowd.by-state', ' — connections by state (peak: {peaks})', { peaks })),
        chart(t('ui.crowd.by-state.label', '{host}: connections by state over time; peaks {peaks}', { host, peaks }), lines, end, top));
    });
    const queueCharts = v.series.filter((s) => s.name === 'syn').map((syn) => {
      const acc = v.series.find((s) => s.host === syn.host && s.fd === syn.fd && s.name === 'accept');
      const drops = v.drops.filter((d) => d.host === syn.host && d.fd === syn.fd);
      const dropped = drops.reduce((n, d) => n + d.n, 0);
      const top = Math.max(1, syn.limit, acc.limit, syn.peak, acc.peak);
      const shown = Math.min(top, Math.max(4, syn.peak, acc.peak) * 2);
      const lines = [
        { points: seriesPoints(syn.max, v.step), color: COLORS.syn }, { points: seriesPoints(acc.max, v.step), color: COLORS.accept },
        syn.limit <= shown ? { limit: syn.limit, color: COLORS.syn } : null,
        acc.limit <= shown ? { limit: acc.limit, color: COLORS.accept } : null,
      ].filter(Boolean);
      const caption = t('ui.crowd.queues', '{host} fd {fd} — SYN queue (limit {synLimit}, peak {synPeak}) and accept queue (limit {accLimit}, peak {accPeak}); {dropped} dropped',
        { host: syn.host, fd: syn.fd, synLimit: syn.limit, synPeak: syn.peak, accLimit: acc.limit, accPeak: acc.peak, dropped });
      return h('figure', { class: 'crowd-fig' },
        h('figcaption', {}, caption),
        chart(caption, lines, end, shown, dropMarks(drops, v.step)));
    });
    replace(this.root,
      v.crowds.map((c) => this.crowdBlock(c, guard)),
      h('h3', { text: t('ui.crowd.over-time', 'Connections over time') }),
      legend(STATES.map((s) => [s, swatch(s)])),
      stateCharts,
      queueCharts.length ? [h('h3', { text: t('ui.crowd.listen-queues', 'Listen queues') }),
        legend([[t('ui.crowd.syn-queue', 'SYN queue'), 'c-syn'], [t('ui.crowd.accept-queue', 'accept queue'), 'c-accept'],
          [t('ui.crowd.limit', 'limit'), 'c-limit'], [t('ui.crowd.dropped', 'dropped SYN or ACK'), 'c-drop']]),
        queueCharts] : null);
  }

  // crowdBlock: a crowd's summary, a picker for one of its clients and,
  // when one is picked, that client's conversation.
  crowdBlock(c, guard) {
    const picked = this.picked?.host === c.host ? this.picked.client : null;
    const id = `crowd-pick-${c.host}`;
    const input = h('input', { id, type: 'number', min: 1, max: c.clients, value: picked ?? (c.slowest || 1), inputmode: 'numeric' });
    const show = (n) => {
      this.picked = { host: c.host, client: Math.min(Math.max(Math.trunc(Number(n)) || 1, 1), c.clients) };
      this.render(guard);
    };
    const pick = h('form', { class: 'crowd-pick', onsubmit: (e) => { e.preventDefault(); show(input.value); } },
      h('label', { for: id, text: t('ui.crowd.client', 'Client ') }), input,
      h('button', { type: 'submit', text: t('ui.crowd.show', 'Show its conversation') }),
      c.slowest ? h('button', { type: 'button', onclick: () => show(c.slowest), text: t('ui.crowd.slowest', 'slowest to connect (#{n})', { n: c.slowest }) }) : null,
      c.firstFailed ? h('button', { type: 'button', onclick: () => show(c.firstFailed), text: t('ui.crowd.first-failed', 'first to fail (#{n})', { n: c.firstFailed }) }) : null);
    return h('section', { class: 'crowd-block', 'data-crowd': c.host },
      h('h3', { text: t('ui.crowd.heading', '{host}: {n, plural, one {# client} other {# clients}} from {network}', { host: c.host, n: c.clients, network: c.network }) }),
      h('p', { class: 'crowd-summary', text: c.summary }),
      pick,
      picked ? this.clientBlock(c.host, picked, guard) : null);
  }

  clientBlock(host, n, guard) {
    const r = guard(() => this.engine().crowdClient(host, n));
    if (!r) return h('p', { class: 'muted', text: t('ui.crowd.no-client', 'No client {n} in {host}.', { n, host }) });
    const ladder = svg('svg', { class: 'ladder crowd-client-ladder', role: 'img', 'aria-label': t('ui.crowd.client-ladder', 'the conversation of {host} client {n}', { host, n }) });
    const model = buildLadder(r.events, null, { hosts: lanesOf(r.events, host) });
    renderLadder(ladder, model, { width: Math.min(Math.max(this.root.clientWidth - 8, 320), 760), idPrefix: `crowd-${n}-`, onPick: () => {}, onFlight: () => {}, onNote: () => {} });
    return h('div', { class: 'crowd-client', 'data-client': String(n) }, h('p', { class: 'crowd-client-facts', text: r.text }), ladder);
  }
}
