// The exercises of core/exercises, in the order they are taught, with
// their titles: the Exercises view lists them so (the end-to-end test
// checks every file is here under its own title).

import { msg } from '../i18n.mjs';

export const EXERCISES = [
  { topic: msg('ui.ex.topic.sockets', 'Sockets'), items: [
    ['sockets-listen-accept', msg('ui.ex.item.sockets-listen-accept', 'The listening socket and the per-client socket')],
    ['sockets-two-clients', msg('ui.ex.item.sockets-two-clients', 'Two clients on one listener')],
    ['sockets-backlog', msg('ui.ex.item.sockets-backlog', 'The backlog fills up')],
    ['crowd-time-wait', msg('ui.ex.item.crowd-time-wait', 'Keep TIME-WAIT off the server')],
  ] },
  { topic: msg('ui.ex.topic.the-handshake', 'The handshake'), items: [
    ['handshake-isn', msg('ui.ex.item.handshake-isn', 'Both ISNs, relative and absolute')],
    ['handshake-refused', msg('ui.ex.item.handshake-refused', 'A refused connection')],
    ['handshake-so-error', msg('ui.ex.item.handshake-so-error', 'A non-blocking connect and SO_ERROR')],
    ['handshake-lost-syn', msg('ui.ex.item.handshake-lost-syn', "A lost SYN and connect()'s timing")],
    ['handshake-simultaneous-open', msg('ui.ex.item.handshake-simultaneous-open', 'Simultaneous open')],
  ] },
  { topic: msg('ui.ex.topic.data', 'Data'), items: [
    ['data-mss', msg('ui.ex.item.data-mss', 'MSS segmentation')],
    ['data-delayed-ack', msg('ui.ex.item.data-delayed-ack', 'Cumulative and delayed ACKs')],
    ['data-zero-window', msg('ui.ex.item.data-zero-window', 'A zero window, its probes and the window update')],
    ['data-nagle', msg('ui.ex.item.data-nagle', 'Nagle, delayed ACKs and TCP_NODELAY')],
  ] },
  { topic: msg('ui.ex.topic.loss', 'Loss'), items: [
    ['loss-fast-retransmit', msg('ui.ex.item.loss-fast-retransmit', 'Fast retransmit')],
    ['loss-rto-backoff', msg('ui.ex.item.loss-rto-backoff', 'RTO backoff')],
    ['loss-lost-ack', msg('ui.ex.item.loss-lost-ack', 'A lost ACK')],
    ['loss-duplicate', msg('ui.ex.item.loss-duplicate', 'A duplicated segment')],
    ['loss-reorder', msg('ui.ex.item.loss-reorder', 'A reordered segment')],
  ] },
  { topic: msg('ui.ex.topic.closing', 'Closing'), items: [
    ['close-time-wait', msg('ui.ex.item.close-time-wait', 'Who ends in TIME-WAIT')],
    ['close-eaddrinuse', msg('ui.ex.item.close-eaddrinuse', 'EADDRINUSE and SO_REUSEADDR')],
    ['close-last-ack', msg('ui.ex.item.close-last-ack', 'Why TIME-WAIT exists')],
    ['close-simultaneous', msg('ui.ex.item.close-simultaneous', 'Simultaneous close')],
    ['close-half-close', msg('ui.ex.item.close-half-close', 'Half-close')],
    ['close-rst-unread', msg('ui.ex.item.close-rst-unread', 'Close with unread data sends RST')],
    ['close-half-open', msg('ui.ex.item.close-half-open', 'A half-open connection after a crash')],
  ] },
  { topic: msg('ui.ex.topic.http', 'HTTP'), items: [
    ['http-10-vs-11', msg('ui.ex.item.http-10-vs-11', 'Handshakes of HTTP/1.0 against HTTP/1.1')],
    ['http-keepalive', msg('ui.ex.item.http-keepalive', 'Three requests, one connection')],
    ['http-pipelining', msg('ui.ex.item.http-pipelining', 'Pipelining')],
    ['http-idle-timeout', msg('ui.ex.item.http-idle-timeout', 'The idle time-out')],
    ['push-long-polling', msg('ui.ex.item.push-long-polling', 'Long polling')],
    ['push-websocket', msg('ui.ex.item.push-websocket', 'Server push over a WebSocket')],
  ] },
  { topic: msg('ui.ex.topic.tcp-against-udp', 'TCP against UDP'), items: [
    ['udp-loss', msg('ui.ex.item.udp-loss', 'UDP under loss')],
    ['udp-port-unreachable', msg('ui.ex.item.udp-port-unreachable', 'UDP and ICMP port unreachable')],
  ] },
];
