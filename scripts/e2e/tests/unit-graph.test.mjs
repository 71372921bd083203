import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, Scale, occupancy, stepPath, nearest, points, ticks, bandRuns, formatBits } from '../../../site/js/analysis/graph-model.mjs';
import { paintGraph, SVGPainter, plotBox } from '../../../site/js/analysis/graph-paint.mjs';

const MS = 1e6;
const TAGS = ['retransmission', 'spurious-retransmission', 'dup-ack', 'zero-window', 'zero-window-probe', 'zero-window-probe-ack',
  'window-probe', 'window-full', 'window-update', 'keep-alive', 'keep-alive-ack', 'out-of-order', 'lost', 'previous-segment-not-captured', 'link-copy'];
const RETX = 1 << 0, LOST = 1 << 12;

// bulk is stream() data of n segments of 1000 bytes, one a millisecond,
// every 100th lost and sent again 200 ms later, each ACKed 20 ms later.
function bulk(n) {
  const seg = { packet: [], time: [], seq: [], end: [], tags: [] };
  const ack = { packet: [], time: [], ack: [], window: [], sack: [] };
  const states = { packet: [], time: [], cwnd: [], ssthresh: [], flight: [], rwnd: [], phase: [] };
  let id = 1;
  const resend = [];
  for (let i = 0; i < n; i++) {
    const t = i * MS;
    while (resend.length && resend[0].at <= t) {
      const r = resend.shift();
      seg.packet.push(id++); seg.time.push(r.at); seg.seq.push(r.seq); seg.end.push(r.seq + 1000); seg.tags.push(RETX);
      states.packet.push(id - 1); states.time.push(r.at); states.cwnd.push(10000); states.ssthresh.push(20000); states.flight.push(5000); states.rwnd.push(65535); states.phase.push(2);
    }
    const lost = i % 100 === 99;
    seg.packet.push(id++); seg.time.push(t); seg.seq.push(1 + i * 1000); seg.end.push(1 + (i + 1) * 1000); seg.tags.push(lost ? LOST : 0);
    states.packet.push(id - 1); states.time.push(t); states.cwnd.push(Math.min(30000, 2000 + i * 100)); states.ssthresh.push(2 ** 30);
    states.flight.push(3000); states.rwnd.push(65535); states.phase.push(i < 280 ? 0 : 1);
    if (lost) resend.push({ at: t + 200 * MS, seq: 1 + i * 1000 });
    ack.packet.push(id++); ack.time.push(t + 20 * MS); ack.ack.push(1 + (i + 1) * 1000); ack.window.push(1 + (i + 1) * 1000 + 65535);
    if (lost) ack.sack.push(ack.time.length - 1, 1 + (i + 1) * 1000, 1 + (i + 2) * 1000);
  }
  return { isn: 4294967000, segments: seg, acks: ack, states, phases: ['slow-start', 'congestion-avoidance', 'recovery', 'loss'],
    rtt: { packet: [3, 6], time: [20 * MS, 21 * MS], sample: [20 * MS, 20 * MS], srtt: [20 * MS, 20 * MS], rttvar: [10 * MS, 7.5 * MS], rto: [200 * MS, 200 * MS] },
    throughput: { time: [0, 50 * MS, 100 * MS], bits: [8e6, 8e6, 0], good: [7e6, 8e6, 0] } };
}

const fullView = (g) => ({ x0: g.x[0], x1: g.x[1], y0: g.y[0], y1: g.y[1] });

test('the tcptrace graph sorts segments by what the engine tagged them', () => {
  const g = buildGraph('tcptrace', bulk(1000), { tagNames: TAGS });
  const by = Object.fromEntries(g.layers.map((l) => [l.key, l]));
  assert.equal(by.segment.xs.length, 990);
  assert.equal(by.lost.xs.length, 10);
  assert.equal(by.retransmission.xs.length, 8, 'the last two losses are resent after the data ends');
  assert.equal(by.sack.xs.length, 10);
  assert.equal(by.ack.type, 'steps');
  assert.deepEqual(g.legend.map((l) => l.key), ['window', 'ack', 'sack', 'segment', 'retransmission', 'lost']);
  assert.ok(by.retransmission.info(0).some(([k, v]) => k === 'tag' && v === 'retransmission'));
});

test('absolute sequence numbers count from the ISN and wrap as tcpdump -S does', () => {
  const g = buildGraph('stevens', bulk(10), { tagNames: TAGS, absolute: true });
  assert.equal(g.formatY(0), '4294967000');
  assert.equal(g.formatY(1001), '705');
  assert.equal(buildGraph('stevens', bulk(10), { tagNames: TAGS }).formatY(1001), '1001');
});

test('100,000 segments are drawn as runs of pixels, not one shape each', () => {
  const g = buildGraph('tcptrace', bulk(100000), { tagNames: TAGS });
  const box = plotBox(900, 400);
  const scale = new Scale(fullView(g), box);
  const seg = g.layers.find((l) => l.key === 'segment');
  const runs = occupancy(seg, scale, { width: Math.ceil(box.width), height: Math.ceil(box.height) });
  assert.ok(runs.length <= Math.ceil(box.width) * 3, `${runs.length} runs`);
  assert.ok(runs.length >= Math.ceil(box.width) * 0.9, 'every column has data');
  const ackPath = stepPath(g.layers.find((l) => l.key === 'ack'), scale, g.x[1]);
  assert.ok(ackPath.length <= 5 * Math.ceil(box.width) + 8, `${ackPath.length} vertices`);
  const svg = new SVGPainter();
  paintGraph(svg, g, fullView(g), 900, 400, { header: 'a → b' });
  assert.ok(svg.parts.length < 8000, `${svg.parts.length} SVG elements`);
});

test('a click finds the nearest packet; keyboard steps visit points in time order', () => {
  const g = buildGraph('tcptrace', bulk(200), { tagNames: TAGS });
  const scale = new Scale(fullView(g), plotBox(900, 400));
  const lost = g.layers.find((l) => l.key === 'lost');
  const x = scale.px(lost.xs[0]), y = scale.py((lost.ys[0] + lost.ys2[0]) / 2);
  const hit = nearest(g, scale, x, y);
  assert.ok(hit, 'found');
  assert.ok(Math.abs(scale.px(hit.layer.xs[hit.index]) - x) < 3);
  assert.equal(nearest(g, scale, plotBox(900, 400).left + 2, 14), null, 'nothing near the empty corner');
  const all = points(g);
  assert.ok(all.every((p, i) => i === 0 || all[i - 1].x <= p.x));
});

test('the cwnd graph shades phases and caps an infinite ssthresh', () => {
  const g = buildGraph('cwnd', bulk(400), { tagNames: TAGS });
  const bands = g.layers.find((l) => l.type === 'bands');
  const runs = bandRuns(bands, g.x[1]);
  assert.deepEqual(runs.map((r) => r.phase).slice(0, 4), [0, 1, 2, 1], 'one run per phase, merged');
  assert.equal(runs[0].x1, runs[1].x0);
  const ssth = g.layers.find((l) => l.key === 'ssthresh');
  assert.ok(Math.max(...ssth.ys) <= g.y[1], 'ssthresh stays in the graph');
  assert.deepEqual(g.legend.filter((l) => l.band).map((l) => l.key), ['slow-start', 'congestion-avoidance', 'recovery']);
});

test('throughput points open the first segment of their interval; RTT points their ACK', () => {
  const data = bulk(100);
  const tp = buildGraph('throughput', data, { tagNames: TAGS });
  assert.deepEqual(tp.layers[0].packets, [1, data.segments.packet[data.segments.time.indexOf(50 * MS)], 0]);
  assert.equal(tp.formatY(8e6), '8 Mbit/s');
  const rtt = buildGraph('rtt', data, { tagNames: TAGS });
  assert.deepEqual(rtt.layers.find((l) => l.key === 'sample').packets, [3, 6]);
  assert.equal(formatBits(1500), '1.5 kbit/s');
});

test('ticks are round numbers inside the range', () => {
  assert.deepEqual(ticks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(ticks(3, 97, 4), [20, 40, 60, 80]);
  assert.deepEqual(ticks(5, 5, 4), [5]);
});
