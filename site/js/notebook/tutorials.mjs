// The notebooks bundled in site/notebooks/, in teaching order, and the
// format's reference (core/notebook/FORMAT.md, itself a notebook, copied
// to notebooks/format.md by make dist): the page's menu, and what the
// single-file build carries. Each has its translations in
// notebooks/LANG/NAME.md (core/i18n's test holds them to it).

import { msg } from '../i18n.mjs';

export const TUTORIALS = [
  { name: 'welcome', title: msg('ui.nb.tutorial.welcome', 'A first notebook') },
  { name: 'listen-accept', title: msg('ui.nb.tutorial.listen-accept', 'The listening socket and the per-client socket') },
  { name: 'handshake', title: msg('ui.nb.tutorial.handshake', 'The three-way handshake') },
  { name: 'reliability', title: msg('ui.nb.tutorial.reliability', 'Data, ACKs and reliability under loss') },
  { name: 'close', title: msg('ui.nb.tutorial.close', 'The four-way close and TIME-WAIT') },
  { name: 'http', title: msg('ui.nb.tutorial.http', 'HTTP/1.0 against HTTP/1.1 keep-alive') },
  { name: 'push', title: msg('ui.nb.tutorial.push', 'Server push: polling, long polling and WebSocket') },
  { name: 'tcp-udp', title: msg('ui.nb.tutorial.tcp-udp', 'TCP against UDP') },
];

export const REFERENCE = { name: 'format', title: msg('ui.nb.tutorial.format', 'The notebook format') };

export const NOTEBOOKS = [...TUTORIALS, REFERENCE];
