// The exercises of core/exercises, in the order they are taught: the
// Exercises view lists them so (a test checks every file is here).

export const EXERCISES = [
  { topic: 'Sockets', ids: ['sockets-listen-accept', 'sockets-two-clients', 'sockets-backlog'] },
  { topic: 'The handshake', ids: ['handshake-isn', 'handshake-refused', 'handshake-so-error', 'handshake-lost-syn', 'handshake-simultaneous-open'] },
  { topic: 'Data', ids: ['data-mss', 'data-delayed-ack', 'data-zero-window'] },
  { topic: 'Loss', ids: ['loss-fast-retransmit', 'loss-rto-backoff', 'loss-lost-ack', 'loss-duplicate', 'loss-reorder'] },
  { topic: 'Closing', ids: ['close-time-wait', 'close-eaddrinuse', 'close-last-ack', 'close-simultaneous', 'close-half-close', 'close-rst-unread'] },
  { topic: 'HTTP', ids: ['http-10-vs-11', 'http-keepalive', 'http-pipelining', 'http-idle-timeout', 'push-long-polling', 'push-websocket'] },
  { topic: 'TCP against UDP', ids: ['udp-loss', 'udp-port-unreachable'] },
];
