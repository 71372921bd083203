// Every word the connection-analysis views show, in one place (a
// catalogue can replace this module's values).

export const GRAPH_KINDS = [
  { id: 'tcptrace', name: 'Time-sequence (tcptrace)', title: 'Time-sequence graph (tcptrace)' },
  { id: 'stevens', name: 'Time-sequence (Stevens)', title: 'Time-sequence graph (Stevens)' },
  { id: 'cwnd', name: 'Congestion window', title: 'Congestion window, ssthresh and bytes in flight' },
  { id: 'throughput', name: 'Throughput', title: 'Throughput' },
  { id: 'rtt', name: 'Round-trip time', title: 'Round-trip time: samples, SRTT, RTTVAR and RTO' },
];

export const SERIES = {
  segment: 'segment',
  retransmission: 'retransmission',
  lost: 'lost on the wire',
  ack: 'ACK',
  window: 'receive window',
  sack: 'SACK block',
  cwnd: 'cwnd',
  ssthresh: 'ssthresh',
  flight: 'bytes in flight',
  rwnd: "peer's window",
  sent: 'sent',
  goodput: 'goodput',
  sample: 'RTT sample',
  srtt: 'SRTT',
  rttvar: 'RTTVAR',
  rto: 'RTO',
};

export const PHASES = {
  'slow-start': 'slow start',
  'congestion-avoidance': 'congestion avoidance',
  recovery: 'recovery',
  loss: 'slow start after a timeout',
};

export const AXES = {
  time: 'time',
  seqRelative: 'sequence number (relative)',
  seqAbsolute: 'sequence number (absolute)',
  bytes: 'bytes',
  bits: 'bits per second',
  ms: 'milliseconds',
};

export const UI = {
  tab: 'Connection analysis',
  views: { graphs: 'Graphs', conversations: 'Conversations', expert: 'Expert info', follow: 'Follow stream' },
  connection: 'connection',
  direction: 'data from',
  graph: 'graph',
  resetZoom: 'Reset zoom',
  exportSVG: 'SVG',
  exportPNG: 'PNG',
  exportTitle: 'Download this graph as it is shown',
  noTCP: 'No TCP connection yet: graphs appear once a connection has sent its SYN.',
  noData: 'Nothing to draw in this direction yet.',
  graphHelp: 'Drag or arrow keys to pan, wheel, pinch or +/− to zoom, 0 to reset; [ and ] step through the points, Enter or a click opens the packet.',
  graphLabel: 'graph; arrow keys pan, + and − zoom, [ and ] step through points, Enter opens the packet',
  packet: 'packet',
};

export const CONV = {
  caption: 'Every TCP connection and UDP flow of the session; choose one to filter the other views to it.',
  none: 'No conversations yet.',
  columns: ['stream', 'proto', 'A', 'B', 'packets A→B', 'packets B→A', 'bytes A→B', 'bytes B→A', 'duration', 'retrans.', 'lost', 'SYN → data', 'state A', 'state B'],
  choose: 'show only this conversation',
  clear: 'Show all conversations',
};

export const EXPERT = {
  none: 'No findings: the engine tagged nothing unusual.',
  search: 'filter findings',
  severity: 'severity',
  all: 'all',
  count: (n, total) => (n === total ? `${n} findings` : `${n} of ${total} findings`),
  connection: 'connection events (SYN, FIN, RST)',
  open: (packet) => `open packet ${packet}`,
  tagsLabel: 'Expert',
};

export const FOLLOW = {
  mode: 'show',
  modes: { text: 'text', hex: 'hex', decoded: 'decoded HTTP / WebSocket' },
  none: 'No bytes in this conversation yet.',
  more: (shown, total) => `Showing ${shown} of ${total} bytes.`,
  showAll: 'Show everything',
  summary: (a, b, c) => `${a} bytes from ${c.hostA} (${c.a}), ${b} bytes from ${c.hostB} (${c.b})`,
  chunk: (packet) => `open packet ${packet}, which carried these bytes`,
};

export const FILTER = {
  label: 'Display filter',
  placeholder: 'display filter: tcp.analysis.retransmission, tcp.port == 80 and tcp.len > 0, http…',
  title: "Wireshark's display-filter syntax; it filters the ladder, the tcpdump text, the event log and the graphs",
  clear: 'Clear the filter',
  shown: (n, total) => `${n} of ${total} packets`,
};

export const NOTEBOOK = {
  unknownKind: (kind, kinds) => `graph=${kind}: the graphs are ${kinds.join(', ')}.`,
  noConnection: (n) => `graph: no TCP connection ${n} (conn=N counts connections from 0, as tcp.stream does).`,
};
