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
  noPoint: 'no packet here',
};
