// Every word the connection-analysis views show, in one place, each read
// in the page's language when it is shown (t(): the ui catalogues,
// core/i18n/catalogues, ids analysis.*).

import { t } from '../i18n.mjs';

export const GRAPH_KINDS = [
  { id: 'tcptrace', get name() { return t('analysis.kind.tcptrace', 'Time-sequence (tcptrace)'); }, get title() { return t('analysis.kind.tcptrace.title', 'Time-sequence graph (tcptrace)'); } },
  { id: 'stevens', get name() { return t('analysis.kind.stevens', 'Time-sequence (Stevens)'); }, get title() { return t('analysis.kind.stevens.title', 'Time-sequence graph (Stevens)'); } },
  { id: 'cwnd', get name() { return t('analysis.kind.cwnd', 'Congestion window'); }, get title() { return t('analysis.kind.cwnd.title', 'Congestion window, ssthresh and bytes in flight'); } },
  { id: 'throughput', get name() { return t('analysis.kind.throughput', 'Throughput'); }, get title() { return t('analysis.kind.throughput.title', 'Throughput'); } },
  { id: 'rtt', get name() { return t('analysis.kind.rtt', 'Round-trip time'); }, get title() { return t('analysis.kind.rtt.title', 'Round-trip time: samples, SRTT, RTTVAR and RTO'); } },
];

export const SERIES = {
  get segment() { return t('analysis.series.segment', 'segment'); },
  get retransmission() { return t('analysis.series.retransmission', 'retransmission'); },
  get lost() { return t('analysis.series.lost', 'lost on the wire'); },
  get ack() { return t('analysis.series.ack', 'ACK'); },
  get window() { return t('analysis.series.window', 'receive window'); },
  get sack() { return t('analysis.series.sack', 'SACK block'); },
  get cwnd() { return t('analysis.series.cwnd', 'cwnd'); },
  get ssthresh() { return t('analysis.series.ssthresh', 'ssthresh'); },
  get flight() { return t('analysis.series.flight', 'bytes in flight'); },
  get rwnd() { return t('analysis.series.rwnd', "peer's window"); },
  get sent() { return t('analysis.series.sent', 'sent'); },
  get goodput() { return t('analysis.series.goodput', 'goodput'); },
  get sample() { return t('analysis.series.sample', 'RTT sample'); },
  get srtt() { return t('analysis.series.srtt', 'SRTT'); },
  get rttvar() { return t('analysis.series.rttvar', 'RTTVAR'); },
  get rto() { return t('analysis.series.rto', 'RTO'); },
};

export const PHASES = {
  get 'slow-start'() { return t('analysis.phase.slow-start', 'slow start'); },
  get 'congestion-avoidance'() { return t('analysis.phase.congestion-avoidance', 'congestion avoidance'); },
  get recovery() { return t('analysis.phase.recovery', 'recovery'); },
  get loss() { return t('analysis.phase.loss', 'slow start after a timeout'); },
};

export const AXES = {
  get time() { return t('analysis.axis.time', 'time'); },
  get seqRelative() { return t('analysis.axis.seq-relative', 'sequence number (relative)'); },
  get seqAbsolute() { return t('analysis.axis.seq-absolute', 'sequence number (absolute)'); },
  get bytes() { return t('analysis.axis.bytes', 'bytes'); },
  get bits() { return t('analysis.axis.bits', 'bits per second'); },
  get ms() { return t('analysis.axis.ms', 'milliseconds'); },
};

export const UI = {
  get tab() { return t('analysis.tab', 'Connection analysis'); },
  views: {
    get graphs() { return t('analysis.view.graphs', 'Graphs'); },
    get conversations() { return t('analysis.view.conversations', 'Conversations'); },
    get expert() { return t('analysis.view.expert', 'Expert info'); },
    get follow() { return t('analysis.view.follow', 'Follow stream'); },
  },
  get connection() { return t('analysis.connection', 'connection'); },
  get direction() { return t('analysis.direction', 'data from'); },
  get graph() { return t('analysis.graph', 'graph'); },
  get resetZoom() { return t('analysis.reset-zoom', 'Reset zoom'); },
  exportSVG: 'SVG',
  exportPNG: 'PNG',
  get exportTitle() { return t('analysis.export.title', 'Download this graph as it is shown'); },
  get noTCP() { return t('analysis.no-tcp', 'No TCP connection yet: graphs appear once a connection has sent its SYN.'); },
  get noData() { return t('analysis.no-data', 'Nothing to draw in this direction yet.'); },
  get graphHelp() { return t('analysis.graph.help', 'Drag or arrow keys to pan, wheel, pinch or +/− to zoom, 0 to reset; [ and ] step through the points, Enter or a click opens the packet.'); },
  get graphLabel() { return t('analysis.graph.label', 'graph; arrow keys pan, + and − zoom, [ and ] step through points, Enter opens the packet'); },
  get packet() { return t('analysis.packet', 'packet'); },
};

export const CONV = {
  get caption() { return t('analysis.conv.caption', 'Every TCP connection and UDP flow of the session; choose one to filter the other views to it.'); },
  get none() { return t('analysis.conv.none', 'No conversations yet.'); },
  get columns() {
    return [t('analysis.conv.col.stream', 'stream'), t('analysis.conv.col.proto', 'proto'), 'A', 'B',
      t('analysis.conv.col.packets-ab', 'packets A→B'), t('analysis.conv.col.packets-ba', 'packets B→A'),
      t('analysis.conv.col.bytes-ab', 'bytes A→B'), t('analysis.conv.col.bytes-ba', 'bytes B→A'),
      t('analysis.conv.col.duration', 'duration'), t('analysis.conv.col.retrans', 'retrans.'), t('analysis.conv.col.lost', 'lost'),
      t('analysis.conv.col.syn-data', 'SYN → data'), t('analysis.conv.col.state-a', 'state A'), t('analysis.conv.col.state-b', 'state B')];
  },
  get choose() { return t('analysis.conv.choose', 'show only this conversation'); },
  get clear() { return t('analysis.conv.clear', 'Show all conversations'); },
};

export const EXPERT = {
  get none() { return t('analysis.expert.none', 'No findings: the engine tagged nothing unusual.'); },
  get search() { return t('analysis.expert.search', 'filter findings'); },
  get severity() { return t('analysis.expert.severity', 'severity'); },
  get all() { return t('analysis.expert.all', 'all'); },
  count: (n, total) => (n === total
    ? t('analysis.expert.count', '{n, plural, one {# finding} other {# findings}}', { n })
    : t('analysis.expert.count-of', '{n} of {total} findings', { n, total })),
  get connection() { return t('analysis.expert.connection', 'connection events (SYN, FIN, RST)'); },
  more: (n) => t('analysis.expert.more', '… {n} more', { n }),
  open: (packet) => t('analysis.expert.open', 'open packet {packet}', { packet }),
  get tagsLabel() { return t('analysis.expert.tags', 'Expert'); },
};

export const FOLLOW = {
  get mode() { return t('analysis.follow.mode', 'show'); },
  modes: {
    get text() { return t('analysis.follow.mode.text', 'text'); },
    get hex() { return t('analysis.follow.mode.hex', 'hex'); },
    get decoded() { return t('analysis.follow.mode.decoded', 'decoded HTTP / WebSocket'); },
  },
  get none() { return t('analysis.follow.none', 'No bytes in this conversation yet.'); },
  more: (shown, total) => t('analysis.follow.more', 'Showing {shown} of {total} bytes.', { shown, total }),
  get showAll() { return t('analysis.follow.show-all', 'Show everything'); },
  summary: (a, b, c) => t('analysis.follow.summary', '{a} bytes from {hostA} ({addrA}), {b} bytes from {hostB} ({addrB})',
    { a, b, hostA: c.hostA, addrA: c.a, hostB: c.hostB, addrB: c.b }),
  chunk: (packet) => t('analysis.follow.chunk', 'open packet {packet}, which carried these bytes', { packet }),
};

export const FILTER = {
  get label() { return t('analysis.filter.label', 'Display filter'); },
  get placeholder() { return t('analysis.filter.placeholder', 'display filter: tcp.analysis.retransmission, tcp.port == 80 and tcp.len > 0, http…'); },
  get title() { return t('analysis.filter.title', "Wireshark's display-filter syntax; it filters the ladder, the tcpdump text, the event log and the graphs"); },
  get clear() { return t('analysis.filter.clear', 'Clear the filter'); },
  shown: (n, total) => t('analysis.filter.shown', '{n} of {total} packets', { n, total }),
  error: (message, col) => t('analysis.filter.error', '{message} (column {col})', { message, col }),
};

export const NOTEBOOK = {
  unknownKind: (kind, kinds) => t('analysis.notebook.unknown-kind', 'graph={kind}: the graphs are {kinds}.', { kind, kinds: kinds.join(', ') }),
  noConnection: (n) => t('analysis.notebook.no-connection', 'graph: no TCP connection {n} (conn=N counts connections from 0, as tcp.stream does).', { n }),
};
