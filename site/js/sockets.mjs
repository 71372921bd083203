// A host's socket panel: each socket's addresses, state, queues and RFC 9293
// sequence variables, with its send and receive buffers drawn over the
// sequence space.

import { h, svg, replace } from './dom.mjs';
import { formatDuration } from './format.mjs';
import { normalState } from './statediagram.mjs';
import { t } from './i18n.mjs';
import { named } from './names.mjs';

// renderSockets fills root with host's sockets. absolute shows raw
// sequence numbers instead of offsets from the ISN.
// A host with many sockets (a crowd's, a busy server's) arrives brief:
// its first connections one by one, the rest counted by listener and
// state in host.more (wasm/README.md, state()).
export function renderSockets(root, host, { absolute = false } = {}) {
  const sockets = host?.sockets ?? [];
  const more = host?.more ?? [];
  const title = h('h3', { class: 'sockets-title' }, t('sockets.title', 'Sockets'), h('span', { class: 'muted', text: ` (${sockets.length + total(more)})` }));
  if (host.network) {
    replace(root, title, crowdSockets(host, sockets, more));
    return;
  }
  if (!sockets.length) {
    replace(root, title, h('p', { class: 'muted empty', text: t('sockets.none', 'No sockets yet: socket() makes one.') }));
    return;
  }
  // Each listener with the connections that came through it, then the rest.
  const listeners = sockets.filter((s) => s.queues);
  const grouped = new Set(listeners.map((l) => l.fd));
  const rest = sockets.filter((s) => !s.queues && !grouped.has(s.listener));
  replace(root, title, listeners.map((l) => listenerGroup(host, l, sockets.filter((s) => !s.queues && s.listener === l.fd),
    more.filter((m) => m.listener === l.fd), absolute)),
    rest.map((s) => card(s, absolute)));
}

// FULL_CHILDREN is how many connections of a listener are drawn as full
// cards; with more, each is one row of its 5-tuple, and past ROWS the
// rest are counted by state.
const FULL_CHILDREN = 3;
const ROWS = 12;

function listenerGroup(host, l, children, more, absolute) {
  const n = children.length + total(more);
  const q = l.queues;
  const drops = host.listenOverflows || host.listenDrops
    ? h('div', { class: 'listen-drops', title: 'Linux nstat TcpExtListenOverflows / TcpExtListenDrops on this host',
      text: `ListenOverflows ${host.listenOverflows ?? 0} · ListenDrops ${host.listenDrops ?? 0}` })
    : null;
  const body = n <= FULL_CHILDREN
    ? children.map((s) => card(s, absolute))
    : connectionRows(children, more);
  return h('section', { class: 'listen-group', 'aria-label': `listening socket fd ${l.fd} and its ${n} connections` },
    card(l, absolute),
    h('div', { class: 'listen-queues' },
      gauge(t('sockets.syn-queue', 'SYN queue'), q.synQ, q.synMax, t('sockets.syn-queue.title', 'handshakes in progress (SYN-RECEIVED) and the most this listener takes: backlog+1, and no more than 3/4 of net.ipv4.tcp_max_syn_backlog without SYN cookies')),
      gauge(t('sockets.accept-queue', 'accept queue'), q.acceptQ, q.acceptMax, t('sockets.accept-queue.title', 'connections established and waiting for accept(), and the most it holds: backlog+1'))),
    drops,
    n ? h('div', { class: 'listen-children' },
      h('div', { class: 'muted small', text: t('sockets.children', '{n, plural, one {# connection} other {# connections}} through fd {fd}, one socket each, told apart by the peer’s address:port', { n, fd: l.fd }) }),
      body) : null);
}

function gauge(name, n, max, title) {
  const full = n >= max;
  return h('div', { class: `gauge${full ? ' full' : ''}`, title },
    h('span', { class: 'gauge-name', text: name }),
    h('meter', { min: 0, max, value: n, 'aria-label': `${name}: ${n} of ${max}` }),
    h('span', { class: 'gauge-num', text: `${n}/${max}${full ? t('sockets.full', ' full') : ''}` }));
}

// connectionRows lists connections by their 5-tuple, the first ROWS of
// them, then counts the others by state, with those the engine counted
// (more).
function connectionRows(conns, more = []) {
  const rows = conns.slice(0, ROWS).map((s) => h('tr', {},
    h('td', { class: 'fd', text: fdLabel(s) }),
    h('td', { class: 'mono', text: `${s.local} ⇄ ${s.remote}`, title: t('sockets.five-tuple', '5-tuple: TCP, {local} ⇄ {remote}', { local: s.local, remote: s.remote }) }),
    h('td', {}, h('span', { class: `state st-${normalState(s.state).toLowerCase()}`, text: named(s.state) }))));
  const rest = conns.slice(ROWS);
  const n = rest.length + total(more);
  return [h('table', { class: 'conn-rows' }, h('tbody', {}, rows)),
    n ? h('div', { class: 'muted small', text: t('sockets.and-more', 'and {n} more: {states}', { n, states: countStates(rest, more) }) }) : null];
}

// fdLabel: a connection without a descriptor waits in a listener's
// queue until accept(), or was closed by its program while TCP finishes.
function fdLabel(s) {
  if (s.fd >= 0) return `fd ${s.fd}`;
  if (s.listener >= 0 && s.state === 'SYN-RECEIVED') return t('sockets.syn-queue', 'SYN queue');
  if (s.listener >= 0 && s.state === 'ESTABLISHED') return t('sockets.accept-queue', 'accept queue');
  return t('sockets.no-fd', 'no fd');
}

// countStates counts sockets, and the engine's counts more, by state.
function countStates(sockets, more = []) {
  const counts = new Map();
  for (const s of sockets) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  for (const m of more) counts.set(m.state, (counts.get(m.state) ?? 0) + m.n);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([st, n]) => `${n} ${st}`).join(', ');
}

// crowdSockets: a crowd's host has a socket or more per client; they are
// counted by state rather than drawn.
function crowdSockets(host, sockets, more) {
  const busy = (s) => s.state !== 'TIME-WAIT';
  return h('div', { class: 'crowd-sockets' },
    h('p', { class: 'small', text: t('sockets.crowd-addresses', "The crowd's clients have the addresses of {network}, from {addr} up.", { network: host.network, addr: host.addr }) }),
    h('p', { class: 'mono small', text: countStates(sockets, more) || t('sockets.crowd-closed', 'every client’s socket is closed') }),
    connectionRows(sockets.filter(busy), more.filter(busy)));
}

const total = (more) => more.reduce((n, m) => n + m.n, 0);

function card(s, absolute) {
  const state = s.proto === 'udp' ? (s.remote && !/^\*|0\.0\.0\.0:0$/.test(s.remote) ? 'connected' : 'UNCONN') : s.state;
  const tuple = `${s.local || '*:*'} → ${s.remote || '*:*'}`;
  const el = h('article', { class: 'socket', 'aria-label': `fd ${s.fd}, ${s.proto}, ${state}, ${tuple}` },
    h('div', { class: 'socket-head' },
      h('span', { class: 'fd', text: s.fd >= 0 ? `fd ${s.fd}` : 'no fd', title: s.fd >= 0 ? 'file descriptor' : 'no file descriptor: not accepted yet, or closed by the program while TCP finishes the connection' }),
      h('span', { class: 'proto', text: s.proto.toUpperCase() }),
      h('span', { class: `state st-${normalState(state).toLowerCase()}`, text: named(state), title: s.last ? `${s.last.from} → ${s.last.to}: ${s.last.reason}` : '' }),
      h('span', { class: 'queues' },
        h('span', { title: 'bytes received, not yet read by the application (ss Recv-Q)', text: `Recv-Q ${s.recvQ}` }),
        h('span', { title: 'bytes not yet acknowledged by the peer (ss Send-Q)', text: `Send-Q ${s.sendQ}` }))),
    h('div', { class: 'tuple', text: tuple, title: '5-tuple: protocol, local address:port → peer address:port' }));
  if (s.tcp) el.append(tcpVars(s.tcp, absolute), buffers(s.tcp, absolute));
  return el;
}

function tcpVars(t, absolute) {
  const snd = (n) => (absolute ? n : (n - t.iss) >>> 0);
  const rcv = (n) => (absolute ? n : (n - t.irs) >>> 0);
  const cell = (name, value, title) => h('div', { class: 'var', title }, h('span', { class: 'k', text: name }), h('span', { class: 'v', text: value }));
  return h('div', { class: 'vars' },
    cell('SND.UNA', snd(t.sndUna), 'oldest unacknowledged sequence number'),
    cell('SND.NXT', snd(t.sndNxt), 'next sequence number to send'),
    cell('SND.WND', t.sndWnd, 'send window: what the peer advertised it can take'),
    cell('cwnd', t.cwnd, `congestion window (ssthresh ${t.ssthresh}, MSS ${t.mss})`),
    cell('RCV.NXT', rcv(t.rcvNxt), 'next sequence number expected'),
    cell('RCV.WND', t.rcvWnd, 'receive window we advertise'),
    cell('RTO', t.rto ? formatDuration(t.rto) : '–', `retransmission timeout (SRTT ${t.srtt ? formatDuration(t.srtt) : 'none yet'})`),
    cell('ISS/IRS', absolute ? `${t.iss}/${t.irs}` : 'as 0', absolute ? 'initial send / receive sequence numbers' : 'numbers are relative to the initial sequence numbers; tick "absolute seq" for raw values'));
}

const BAR_W = 300;
const BAR_H = 14;

// buffers draws the send buffer (acked edge at SND.UNA: in flight, queued,
// free; SND.WND as a bracket) and the receive buffer (readable, holes and
// out-of-order data, free window).
// bufferWords are the buffers' labels in the page's language (buffers'
// own t is the socket's TCP state).
function bufferWords() {
  return {
    send: t('sockets.send', 'send'), recv: t('sockets.recv', 'recv'),
    inFlight: t('sockets.in-flight', 'in flight '), queued: t('sockets.queued', 'queued '),
    readable: t('sockets.readable', 'readable '), outOfOrder: t('sockets.out-of-order', 'out of order '),
    window: t('sockets.window', 'window'),
  };
}

function buffers(t, absolute) {
  const words = bufferWords();
  const sendCap = Math.max(t.sendBuf, t.unacked + t.unsent, 1);
  const recvCap = Math.max(t.recvBuf, t.readable + t.rcvWnd, 1);
  const sx = (n) => (Math.min(Math.max(n, 0), sendCap) / sendCap) * BAR_W;
  const rx = (n) => (Math.min(Math.max(n, 0), recvCap) / recvCap) * BAR_W;
  const snd = (n) => (absolute ? n : (n - t.iss) >>> 0);
  const rcv = (n) => (absolute ? n : (n - t.irs) >>> 0);

  const sendBar = svg('svg', { viewBox: `0 0 ${BAR_W + 60} ${BAR_H + 14}`, class: 'buf', role: 'img',
    'aria-label': `send buffer: ${t.unacked} bytes in flight, ${t.unsent} queued, capacity ${t.sendBuf}` },
  svg('rect', { x: 0, y: 0, width: BAR_W, height: BAR_H, class: 'buf-free' }),
  svg('rect', { x: 0, y: 0, width: sx(t.unacked), height: BAR_H, class: 'buf-flight' }),
  svg('rect', { x: sx(t.unacked), y: 0, width: sx(t.unsent), height: BAR_H, class: 'buf-queued' }),
  svg('line', { x1: sx(t.sndWnd), x2: sx(t.sndWnd), y1: -2, y2: BAR_H + 2, class: 'buf-wnd' }),
  svg('text', { x: 0, y: BAR_H + 11, class: 'buf-tick', text: `UNA ${snd(t.sndUna)}` }),
  svg('text', { x: BAR_W, y: BAR_H + 11, 'text-anchor': 'end', class: 'buf-tick', text: `${t.sendBuf} B` }),
  svg('text', { x: BAR_W + 6, y: BAR_H - 3, class: 'buf-name', text: words.send }));

  const recvBar = svg('svg', { viewBox: `0 0 ${BAR_W + 60} ${BAR_H + 14}`, class: 'buf', role: 'img',
    'aria-label': `receive buffer: ${t.readable} bytes readable, window ${t.rcvWnd}, ${t.outOfOrder?.length ?? 0} out-of-order ranges` },
  svg('rect', { x: 0, y: 0, width: BAR_W, height: BAR_H, class: 'buf-free' }),
  svg('rect', { x: 0, y: 0, width: rx(t.readable), height: BAR_H, class: 'buf-readable' }),
  (t.outOfOrder ?? []).map(([a, b]) => {
    const start = t.readable + ((a - t.rcvNxt) >>> 0);
    return svg('rect', { x: rx(start), y: 0, width: Math.max(rx(start + ((b - a) >>> 0)) - rx(start), 1.5), height: BAR_H, class: 'buf-ooo' });
  }),
  svg('line', { x1: rx(t.readable), x2: rx(t.readable), y1: -2, y2: BAR_H + 2, class: 'buf-nxt' }),
  svg('text', { x: Math.min(rx(t.readable), BAR_W - 60), y: BAR_H + 11, class: 'buf-tick', text: `NXT ${rcv(t.rcvNxt)}` }),
  svg('text', { x: BAR_W, y: BAR_H + 11, 'text-anchor': 'end', class: 'buf-tick', text: `${t.recvBuf} B` }),
  svg('text', { x: BAR_W + 6, y: BAR_H - 3, class: 'buf-name', text: words.recv }));

  return h('div', { class: 'buffers' }, sendBar, recvBar,
    h('div', { class: 'buf-legend', 'aria-hidden': 'true' },
      h('i', { class: 'sw flight' }), words.inFlight, h('i', { class: 'sw queued' }), words.queued,
      h('i', { class: 'sw readable' }), words.readable, h('i', { class: 'sw ooo' }), words.outOfOrder,
      h('i', { class: 'sw wnd' }), words.window));
}
