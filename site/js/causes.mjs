// Words for the engine's facts: why a TCP segment was sent (trace.Event.cause,
// core/tcp/cause.go) and what a failed call's errno usually means. The
// engine decides; this module only names what it decided.

// CAUSES: cause → {tag, why}. tag is drawn on the arrow (empty for the
// ordinary segments of a connection's life); why is one sentence for the
// "what happened and why" list and the arrow's accessible name.
export const CAUSES = {
  'syn': { tag: '', why: 'opens a connection: its first sequence number (ISN)' },
  'syn-ack': { tag: '', why: 'accepts the connection: the server’s ISN, and the ACK of the client’s SYN' },
  'data': { tag: '', why: 'new data, sent as soon as the window allowed' },
  'fin': { tag: '', why: 'close(): this side has no more to send' },
  'retransmit-timeout': { tag: 'retransmission (timeout)', why: 'sent again: no ACK came before the retransmission timer expired (RFC 6298 5.4)' },
  'retransmit-fast': { tag: 'fast retransmit', why: 'sent again at once: three duplicate ACKs said it was lost (RFC 5681 3.2)' },
  'retransmit-recovery': { tag: 'retransmission (recovery)', why: 'a later hole sent again during fast recovery (RFC 6582)' },
  'retransmit-reply': { tag: 'retransmission (SYN again)', why: 'the SYN, ACK again: the peer sent its SYN again' },
  'zero-window-probe': { tag: 'zero-window probe', why: 'the peer’s window is 0: a probe it must answer with its window (RFC 9293 3.8.6.1)' },
  'window-probe': { tag: 'window probe', why: 'the persist timer sent data into a window too small to fill' },
  'keepalive': { tag: 'keep-alive probe', why: 'the connection was idle: is the peer still there? (RFC 1122 4.2.3.6)' },
  'ack': { tag: '', why: 'acknowledges what arrived' },
  'delayed-ack': { tag: 'delayed ACK', why: 'the delayed-ACK timer expired with nothing to send along (RFC 5681 4.2)' },
  'dup-ack': { tag: 'duplicate ACK', why: 'data arrived out of order or twice: the same ACK again tells the sender what is missing' },
  'window-update': { tag: 'window update', why: 'the application read: the receive window opened again' },
  'challenge-ack': { tag: 'challenge ACK', why: 'a suspicious RST, SYN or ACK: answered with an ACK instead (RFC 5961)' },
  'reset': { tag: '', why: 'RST: the connection is refused or aborted' },
};

export const isRetransmission = (cause) => /^retransmit-/.test(cause ?? '');

export function causeTag(cause) { return CAUSES[cause]?.tag ?? ''; }
export function causeWhy(cause) { return CAUSES[cause]?.why ?? ''; }

// ERRNO_HINTS: "call errno" → the usual cause and what to try. Only the
// cases with one usual cause are here; others show the errno alone.
const ERRNO_HINTS = {
  'accept EINVAL': 'accept needs a listening socket: call `listen(s, 5)` first',
  'accept EAGAIN': 'no connection is waiting yet (the socket is non-blocking)',
  'connect ECONNREFUSED': 'nothing listens on that port: the server answered the SYN with a RST. `listen` on the server first',
  'connect ETIMEDOUT': 'the SYN was never answered: every retransmission was lost',
  'connect EISCONN': 'this socket is already connected',
  'connect EALREADY': 'a connect on this socket is still in progress',
  'listen EINVAL': 'the socket is connected already, or not a TCP socket',
  'bind EADDRINUSE': 'another socket is bound to that port (or a closed one waits in TIME-WAIT: `setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 1)` first)',
  'bind EINVAL': 'the socket is bound already',
  'send EPIPE': 'the connection is closed for sending (the peer reset it, or you called shutdown)',
  'send ENOTCONN': 'the socket is not connected: `connect` first',
  'recv ENOTCONN': 'the socket is not connected: `connect` (or use the socket `accept` returned)',
  'send ECONNRESET': 'the peer reset the connection (RST)',
  'recv ECONNRESET': 'the peer reset the connection (RST)',
  'recv EAGAIN': 'nothing to read yet (non-blocking, or SO_RCVTIMEO expired)',
};

// errnoHint returns what usually causes errno for the call in line, or ''.
export function errnoHint(line, errno) {
  if (!errno) return '';
  const m = /(?:^|[\s>=])([a-z_.]+)\s*\(/.exec(line ?? '');
  const call = m?.[1] === 'write' ? 'send' : m?.[1] === 'read' ? 'recv' : m?.[1];
  if (errno === 'EBADF') return 'no open socket has that number: `ss` lists this host’s sockets';
  if (errno === 'ENOTSOCK') return 'that descriptor is not a socket';
  return ERRNO_HINTS[`${call} ${errno}`] ?? '';
}
