// The exercises of core/exercises, in the order they are taught, with
// their titles: the Exercises view lists them so (the end-to-end test
// checks every file is here under its own title).

export const EXERCISES = [
  { topic: 'Sockets', items: [
    ['sockets-listen-accept', 'The listening socket and the per-client socket'],
    ['sockets-two-clients', 'Two clients on one listener'],
    ['sockets-backlog', 'The backlog fills up'],
    ['crowd-time-wait', 'Keep TIME-WAIT off the server'],
  ] },
  { topic: 'The handshake', items: [
    ['handshake-isn', 'Both ISNs, relative and absolute'],
    ['handshake-refused', 'A refused connection'],
    ['handshake-so-error', 'A non-blocking connect and SO_ERROR'],
    ['handshake-lost-syn', "A lost SYN and connect()'s timing"],
    ['handshake-simultaneous-open', 'Simultaneous open'],
  ] },
  { topic: 'Data', items: [
    ['data-mss', 'MSS segmentation'],
    ['data-delayed-ack', 'Cumulative and delayed ACKs'],
    ['data-zero-window', 'A zero window, its probes and the window update'],
    ['data-nagle', 'Nagle, delayed ACKs and TCP_NODELAY'],
  ] },
  { topic: 'Loss', items: [
    ['loss-fast-retransmit', 'Fast retransmit'],
    ['loss-rto-backoff', 'RTO backoff'],
    ['loss-lost-ack', 'A lost ACK'],
    ['loss-duplicate', 'A duplicated segment'],
    ['loss-reorder', 'A reordered segment'],
  ] },
  { topic: 'Closing', items: [
    ['close-time-wait', 'Who ends in TIME-WAIT'],
    ['close-eaddrinuse', 'EADDRINUSE and SO_REUSEADDR'],
    ['close-last-ack', 'Why TIME-WAIT exists'],
    ['close-simultaneous', 'Simultaneous close'],
    ['close-half-close', 'Half-close'],
    ['close-rst-unread', 'Close with unread data sends RST'],
    ['close-half-open', 'A half-open connection after a crash'],
  ] },
  { topic: 'HTTP', items: [
    ['http-10-vs-11', 'Handshakes of HTTP/1.0 against HTTP/1.1'],
    ['http-keepalive', 'Three requests, one connection'],
    ['http-pipelining', 'Pipelining'],
    ['http-idle-timeout', 'The idle time-out'],
    ['push-long-polling', 'Long polling'],
    ['push-websocket', 'Server push over a WebSocket'],
  ] },
  { topic: 'TCP against UDP', items: [
    ['udp-loss', 'UDP under loss'],
    ['udp-port-unreachable', 'UDP and ICMP port unreachable'],
  ] },
];
