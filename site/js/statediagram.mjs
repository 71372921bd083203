// The TCP connection state diagram of RFC 9293 section 3.3.2 (Figure 5),
// drawn as SVG, with every TCP socket placed on its state and the last
// transition of each highlighted.

import { svg, h, replace } from './dom.mjs';
import { t } from './i18n.mjs';
import { named } from './names.mjs';

const W = 940;
const H = 600;
const NW = 132;
const NH = 36;

// Node positions follow Figure 5's layout. CLOSED appears twice, as there.
export const NODES = {
  'CLOSED': [470, 34],
  'LISTEN': [470, 124],
  'SYN-RECEIVED': [130, 214],
  'SYN-SENT': [810, 214],
  'ESTABLISHED': [470, 304],
  'FIN-WAIT-1': [130, 394],
  'CLOSE-WAIT': [810, 394],
  'FIN-WAIT-2': [130, 484],
  'CLOSING': [470, 484],
  'LAST-ACK': [810, 484],
  'TIME-WAIT': [470, 566],
  'CLOSED-END': [810, 566],
};

// Each edge: from, to, the event / the action (Figure 5's two lines), and
// a bend (perpendicular offset of the curve's control point).
export const EDGES = [
  ['CLOSED', 'LISTEN', 'passive OPEN', 'listen()', -26],
  ['LISTEN', 'CLOSED', 'CLOSE', 'close()', -26],
  ['CLOSED', 'SYN-SENT', 'active OPEN', 'snd SYN', -60],
  ['SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB', -20],
  ['LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 0],
  ['LISTEN', 'SYN-SENT', 'SEND', 'snd SYN', 0],
  ['SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 18],
  ['SYN-RECEIVED', 'LISTEN', 'rcv RST', '', -40],
  ['SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', '', 0],
  ['SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK', 0],
  ['SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 0],
  ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 0],
  ['ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK', 0],
  ['FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', '', 0],
  ['FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK', 0],
  ['FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK', 30],
  ['CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', '', 0],
  ['CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN', 0],
  ['LAST-ACK', 'CLOSED-END', 'rcv ACK of FIN', '', 0],
  ['TIME-WAIT', 'CLOSED-END', 'timeout = 2MSL', 'delete TCB', 0],
];

const ALIASES = {
  'ESTAB': 'ESTABLISHED', 'SYN-RCVD': 'SYN-RECEIVED', 'SYN-RECV': 'SYN-RECEIVED',
  'FIN-WAIT1': 'FIN-WAIT-1', 'FIN-WAIT2': 'FIN-WAIT-2', 'FINWAIT-1': 'FIN-WAIT-1', 'FINWAIT-2': 'FIN-WAIT-2',
  'TIME-WAIT': 'TIME-WAIT', 'LAST-ACK': 'LAST-ACK', 'UNCONN': 'CLOSED', 'CLOSE': 'CLOSED',
};

// normalState maps any spelling of a state ("SYN_RECV", "Established") to
// the diagram's name.
export function normalState(name) {
  const s = String(name ?? '').trim().toUpperCase().replace(/[_\s]+/g, '-');
  return ALIASES[s] ?? s;
}

// nodeFor places a state on the diagram: CLOSED reached by closing is the
// bottom CLOSED, as in Figure 5.
export function nodeFor(state, from) {
  const s = normalState(state);
  if (s === 'CLOSED' && ['TIME-WAIT', 'LAST-ACK'].includes(normalState(from))) return 'CLOSED-END';
  return NODES[s] ? s : null;
}

// findEdge returns the Figure 5 edge for a transition, if there is one.
export function findEdge(from, to) {
  const f = nodeFor(from);
  const t = nodeFor(to, from);
  return EDGES.find(([a, b]) => a === f && b === t) ?? null;
}

// renderStateDiagram draws into root. sockets: [{host, fd, state, last}];
// transitions: the latest state events, newest last.
export function renderStateDiagram(root, sockets, transitions) {
  const marks = new Map(); // node → [{host, fd}]
  const hot = new Map(); // edge index → host
  for (const s of sockets) {
    const node = nodeFor(s.state, s.last?.from);
    if (!node) continue;
    if (!marks.has(node)) marks.set(node, []);
    marks.get(node).push(s);
    if (s.last) {
      const e = findEdge(s.last.from, s.last.to);
      if (e) hot.set(EDGES.indexOf(e), s.host);
    }
  }
  const edges = EDGES.map((e, i) => edgeEl(e, hot.get(i)));
  const nodes = Object.entries(NODES).map(([id, [x, y]]) => nodeEl(id, x, y, marks.get(id) ?? []));
  const figure = svg('svg', {
    viewBox: `0 0 ${W} ${H + 8}`, class: 'state-diagram', role: 'img',
    'aria-label': describeSockets(sockets),
  },
  svg('defs', {}, ['plain', 'client', 'server', 'other'].map((k) => svg('marker', {
    id: `sd-head-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `sd-head sd-head-${k}` })))),
  edges, nodes);

  const caption = h('div', { class: 'sd-caption' },
    h('h3', { text: t('states.now', 'Sockets now') }),
    sockets.length ? h('ul', {}, sockets.map((s) => h('li', { class: `host-${s.host}` },
      h('b', { text: socketName(s.host, s.fd) }), ` ${named(s.state)}`,
      s.last ? h('span', { class: 'muted', text: ` (${t('states.from', 'from {state}', { state: s.last.from })}${s.last.reason ? ': ' + s.last.reason : ''})` }) : null)))
      : h('p', { class: 'muted', text: t('states.none', 'No TCP sockets yet. listen() or connect() puts one on the diagram.') }),
    h('h3', { text: t('states.latest', 'Latest transitions') }),
    transitions.length ? h('ol', { class: 'transitions' }, transitions.map((x) => h('li', { class: `host-${x.host}` },
      h('b', { text: socketName(x.host, x.fd) }), ` ${x.from} → ${named(x.to)}`,
      x.text ? h('span', { class: 'muted', text: ` — ${x.text}` }) : null)))
      : h('p', { class: 'muted', text: t('states.no-transitions', 'None yet.') }),
    h('p', { class: 'muted small', text: t('states.source', 'After RFC 9293, section 3.3.2, Figure 5. Coloured arrows are each socket’s last transition.') }));
  replace(root, h('div', { class: 'sd-wrap' }, figure, caption));
}

// socketName: "client fd 3", or "client (no fd)" for a connection not yet
// accepted or already closed by the program.
function socketName(host, fd) {
  return fd > 0 ? `${host} fd ${fd}` : `${host} (no fd)`;
}

function hostClass(host) {
  return host === 'client' || host === 'server' ? host : 'other';
}

function nodeEl(id, x, y, sockets) {
  const name = id === 'CLOSED-END' ? 'CLOSED' : id;
  const classes = ['sd-node'];
  if (sockets.length) classes.push('occupied', ...new Set(sockets.map((s) => `has-${hostClass(s.host)}`)));
  return svg('g', { class: classes.join(' ') },
    svg('rect', { x: x - NW / 2, y: y - NH / 2, width: NW, height: NH, rx: 8 }),
    svg('text', { x, y: y + 4.5, 'text-anchor': 'middle', class: 'sd-name', text: name }),
    sockets.map((s, i) => {
      const bx = x - NW / 2 + 6 + i * 62;
      return svg('g', { class: `sd-badge ${hostClass(s.host)}` },
        svg('rect', { x: bx, y: y + NH / 2 - 6, width: 58, height: 15, rx: 7 }),
        svg('text', { x: bx + 29, y: y + NH / 2 + 5, 'text-anchor': 'middle', text: s.fd >= 0 ? `${s.host.slice(0, 6)} ${s.fd}` : s.host.slice(0, 8) }));
    }));
}

function edgeEl([from, to, event, action, bend], host) {
  const [x1, y1] = NODES[from];
  const [x2, y2] = NODES[to];
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const cx = mx + (-(y2 - y1) / len) * bend * 2;
  const cy = my + ((x2 - x1) / len) * bend * 2;
  const [sx, sy] = clip(x1, y1, cx, cy);
  const [ex, ey] = clip(x2, y2, cx, cy);
  const lx = 0.25 * sx + 0.5 * cx + 0.25 * ex;
  const ly = 0.25 * sy + 0.5 * cy + 0.25 * ey;
  const kind = host ? hostClass(host) : 'plain';
  return svg('g', { class: `sd-edge${host ? ' hot ' + kind : ''}` },
    svg('path', { d: `M${sx},${sy} Q${cx},${cy} ${ex},${ey}`, 'marker-end': `url(#sd-head-${kind})` }),
    svg('text', { x: lx, y: ly - 2, 'text-anchor': 'middle', class: 'sd-event', text: event }),
    action ? svg('text', { x: lx, y: ly + 9, 'text-anchor': 'middle', class: 'sd-action', text: action }) : null);
}

// clip moves from a node's centre towards (tx, ty) to the node's border.
function clip(x, y, tx, ty) {
  const dx = tx - x;
  const dy = ty - y;
  const sx = dx === 0 ? Infinity : (NW / 2 + 3) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (NH / 2 + 3) / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return [x + dx * s, y + dy * s];
}

function describeSockets(sockets) {
  if (!sockets.length) return 'TCP state diagram; no TCP sockets yet';
  return 'TCP state diagram; ' + sockets.map((s) => `${socketName(s.host, s.fd)} is in ${s.state}`).join('; ');
}
