// Words for the engine's facts: why a TCP segment was sent (trace.Event.cause,
// core/tcp/cause.go) and what a failed call's errno usually means. The
// engine decides; this module only names what it decided.

import { t, msg, tr } from './i18n.mjs';

// CAUSES: cause → {tag, why}, msg()s translated when shown. tag is drawn
// on the arrow (none for the ordinary segments of a connection's life);
// why is one sentence for the
// "what happened and why" list and the arrow's accessible name.
export const CAUSES = {
  'syn': { tag: null, why: msg('cause.syn.why', 'opens a connection: its first sequence number (ISN)') },
  'syn-ack': { tag: null, why: msg('cause.syn-ack.why', 'accepts the connection: the server’s ISN, and the ACK of the client’s SYN') },
  'data': { tag: null, why: msg('cause.data.why', 'new data, sent as soon as the window allowed') },
  'fin': { tag: null, why: msg('cause.fin.why', 'close(): this side has no more to send') },
  'retransmit-timeout': { tag: msg('cause.retransmit-timeout.tag', 'retransmission (timeout)'), why: msg('cause.retransmit-timeout.why', 'sent again: no ACK came before the retransmission timer expired (RFC 6298 5.4)') },
  'retransmit-fast': { tag: msg('cause.retransmit-fast.tag', 'fast retransmit'), why: msg('cause.retransmit-fast.why', 'sent again at once: three segments SACKed above it (or three duplicate ACKs) said it was lost (RFC 5681 3.2, RFC 8985)') },
  'retransmit-recovery': { tag: msg('cause.retransmit-recovery.tag', 'retransmission (recovery)'), why: msg('cause.retransmit-recovery.why', 'another lost segment sent again during fast recovery, as PRR lets it go (RFC 6937)') },
  'retransmit-reply': { tag: msg('cause.retransmit-reply.tag', 'retransmission (SYN again)'), why: msg('cause.retransmit-reply.why', 'the SYN, ACK again: the peer sent its SYN again') },
  'zero-window-probe': { tag: msg('cause.zero-window-probe.tag', 'zero-window probe'), why: msg('cause.zero-window-probe.why', 'the peer’s window is 0: a probe it must answer with its window (RFC 9293 3.8.6.1)') },
  'window-probe': { tag: msg('cause.window-probe.tag', 'window probe'), why: msg('cause.window-probe.why', 'the persist timer sent data into a window too small to fill') },
  'keepalive': { tag: msg('cause.keepalive.tag', 'keep-alive probe'), why: msg('cause.keepalive.why', 'the connection was idle: is the peer still there? (RFC 1122 4.2.3.6)') },
  'ack': { tag: null, why: msg('cause.ack.why', 'acknowledges what arrived') },
  'delayed-ack': { tag: msg('cause.delayed-ack.tag', 'delayed ACK'), why: msg('cause.delayed-ack.why', 'the delayed-ACK timer expired with nothing to send along (RFC 5681 4.2)') },
  'dup-ack': { tag: msg('cause.dup-ack.tag', 'duplicate ACK'), why: msg('cause.dup-ack.why', 'data arrived out of order or twice: the same ACK again tells the sender what is missing') },
  'window-update': { tag: msg('cause.window-update.tag', 'window update'), why: msg('cause.window-update.why', 'the application read: the receive window opened again') },
  'challenge-ack': { tag: msg('cause.challenge-ack.tag', 'challenge ACK'), why: msg('cause.challenge-ack.why', 'a suspicious RST, SYN or ACK: answered with an ACK instead (RFC 5961)') },
  'reset': { tag: null, why: msg('cause.reset.why', 'RST: the connection is refused or aborted') },
};

export const isRetransmission = (cause) => /^retransmit-/.test(cause ?? '');

export function causeTag(cause) { return tr(CAUSES[cause]?.tag); }
export function causeWhy(cause) { return tr(CAUSES[cause]?.why); }

// ERRNO_HINTS: "call errno" → the usual cause and what to try. Only the
// cases with one usual cause are here; others show the errno alone.
const ERRNO_HINTS = {
  'accept EINVAL': msg('errno-hint.accept.EINVAL', 'accept needs a listening socket: call `listen(s, 5)` first'),
  'accept EAGAIN': msg('errno-hint.accept.EAGAIN', 'no connection is waiting yet (the socket is non-blocking)'),
  'connect ECONNREFUSED': msg('errno-hint.connect.ECONNREFUSED', 'nothing listens on that port: the server answered the SYN with a RST. `listen` on the server first'),
  'connect ETIMEDOUT': msg('errno-hint.connect.ETIMEDOUT', 'the SYN was never answered: every retransmission was lost'),
  'connect EISCONN': msg('errno-hint.connect.EISCONN', 'this socket is already connected'),
  'connect EALREADY': msg('errno-hint.connect.EALREADY', 'a connect on this socket is still in progress'),
  'listen EINVAL': msg('errno-hint.listen.EINVAL', 'the socket is connected already, or not a TCP socket'),
  'bind EADDRINUSE': msg('errno-hint.bind.EADDRINUSE', 'another socket is bound to that port (or a closed one waits in TIME-WAIT: `setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 1)` first)'),
  'bind EINVAL': msg('errno-hint.bind.EINVAL', 'the socket is bound already'),
  'send EPIPE': msg('errno-hint.send.EPIPE', 'the connection is closed for sending (the peer reset it, or you called shutdown)'),
  'send ENOTCONN': msg('errno-hint.send.ENOTCONN', 'the socket is not connected: `connect` first'),
  'recv ENOTCONN': msg('errno-hint.recv.ENOTCONN', 'the socket is not connected: `connect` (or use the socket `accept` returned)'),
  'send ECONNRESET': msg('errno-hint.send.ECONNRESET', 'the peer reset the connection (RST)'),
  'recv ECONNRESET': msg('errno-hint.recv.ECONNRESET', 'the peer reset the connection (RST)'),
  'recv EAGAIN': msg('errno-hint.recv.EAGAIN', 'nothing to read yet (non-blocking, or SO_RCVTIMEO expired)'),
};

// errnoHint returns what usually causes errno for the call in line, or ''.
export function errnoHint(line, errno) {
  if (!errno) return '';
  const m = /(?:^|[\s>=])([a-z_.]+)\s*\(/.exec(line ?? '');
  const call = m?.[1] === 'write' ? 'send' : m?.[1] === 'read' ? 'recv' : m?.[1];
  if (errno === 'EBADF') return t('errno-hint.EBADF', 'no open socket has that number: `ss` lists this host’s sockets');
  if (errno === 'ENOTSOCK') return t('errno-hint.ENOTSOCK', 'that descriptor is not a socket');
  return tr(ERRNO_HINTS[`${call} ${errno}`]);
}
