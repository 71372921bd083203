// A host's socket panel: each socket's addresses, state, queues and RFC 9293
// sequence variables, with its send and receive buffers drawn over the
// sequence space.

import { h, svg, replace } from './dom.mjs';
import { formatDuration } from './format.mjs';
import { normalState } from './statediagram.mjs';

// renderSockets fills root with host's sockets. absolute shows raw
// sequence numbers instead of offsets from the ISN.
export function renderSockets(root, host, { absolute = false } = {}) {
  const sockets = host?.sockets ?? [];
  const title = h('h3', { class: 'sockets-title' }, 'Sockets', h('span', { class: 'muted', text: ` (${sockets.length})` }));
  if (!sockets.length) {
    replace(root, title, h('p', { class: 'muted empty', text: 'No sockets yet: socket() makes one.' }));
    return;
  }
  replace(root, title, sockets.map((s) => card(s, absolute)));
}

function card(s, absolute) {
  const state = s.proto === 'udp' ? (s.remote && !/^\*|0\.0\.0\.0:0$/.test(s.remote) ? 'connected' : 'UNCONN') : s.state;
  const tuple = `${s.local || '*:*'} → ${s.remote || '*:*'}`;
  const el = h('article', { class: 'socket', 'aria-label': `fd ${s.fd}, ${s.proto}, ${state}, ${tuple}` },
    h('div', { class: 'socket-head' },
      h('span', { class: 'fd', text: s.fd >= 0 ? `fd ${s.fd}` : 'no fd', title: s.fd >= 0 ? 'file descriptor' : 'no file descriptor: not accepted yet, or closed by the program while TCP finishes the connection' }),
      h('span', { class: 'proto', text: s.proto.toUpperCase() }),
      h('span', { class: `state st-${normalState(state).toLowerCase()}`, text: state, title: s.last ? `${s.last.from} → ${s.last.to}: ${s.last.reason}` : '' }),
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
function buffers(t, absolute) {
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
  svg('text', { x: BAR_W + 6, y: BAR_H - 3, class: 'buf-name', text: 'send' }));

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
  svg('text', { x: BAR_W + 6, y: BAR_H - 3, class: 'buf-name', text: 'recv' }));

  return h('div', { class: 'buffers' }, sendBar, recvBar,
    h('div', { class: 'buf-legend', 'aria-hidden': 'true' },
      h('i', { class: 'sw flight' }), 'in flight ', h('i', { class: 'sw queued' }), 'queued ',
      h('i', { class: 'sw readable' }), 'readable ', h('i', { class: 'sw ooo' }), 'out of order ',
      h('i', { class: 'sw wnd' }), 'window'));
}
