// The notebooks bundled in site/notebooks/, in teaching order, and the
// format's reference (core/notebook/FORMAT.md, itself a notebook, copied
// to notebooks/format.md by make dist): the page's menu, and what the
// single-file build carries.

export const TUTORIALS = [
  { name: 'welcome', title: 'A first notebook' },
  { name: 'listen-accept', title: 'The listening socket and the per-client socket' },
  { name: 'handshake', title: 'The three-way handshake' },
  { name: 'reliability', title: 'Data, ACKs and reliability under loss' },
  { name: 'close', title: 'The four-way close and TIME-WAIT' },
  { name: 'http', title: 'HTTP/1.0 against HTTP/1.1 keep-alive' },
  { name: 'push', title: 'Server push: polling, long polling and WebSocket' },
  { name: 'tcp-udp', title: 'TCP against UDP' },
];

export const REFERENCE = { name: 'format', title: 'The notebook format' };

export const NOTEBOOKS = [...TUTORIALS, REFERENCE];
