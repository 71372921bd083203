// The tcpdump tab: tcpdump's exact lines, with the engine's expert tags
// beside them (never inside), and only the packets the display filter
// selects. Both need each line's packet: the wire's capture has a line per
// packet put on the wire, in order (its events number them); a host's
// capture is what it sent and what reached it, and the engine says which
// packet each line is and which tags hold there (captureTags: at the
// receiver, "previous segment not captured"; at the sender, "lost").

import { h, replace } from '../dom.mjs';

// renderTcpdump fills pre with text, the capture of host ('' for the
// wire); events (the trace) number the wire's lines and expert
// (expert()'s value) tags them, capture (captureTags(host)) numbers and
// tags a host's; keep (a Set, or null) selects them.
export function renderTcpdump(pre, text, { host, events, expert, capture, keep }) {
  const lines = text ? text.replace(/\n$/, '').split('\n') : [];
  if (!lines.length) {
    replace(pre, h('span', { text: '(no packets yet)' }));
    return;
  }
  let packets = capture?.packets;
  let labelsAt = (i) => capture?.labels[i];
  if (!host) {
    packets = events.filter((e) => e.kind === 'send' || e.kind === 'dup').map((e) => e.packet);
    const byFrame = new Map((expert?.packets ?? []).map((p) => [p.frame, p.labels]));
    labelsAt = (i) => byFrame.get(i + 1);
  }
  const rows = [];
  lines.forEach((line, i) => {
    const packet = packets?.[i];
    if (keep && !keep.has(packet)) return;
    const tags = labelsAt(i);
    rows.push(h('span', { class: 'td-line', dataset: { packet } }, line,
      tags?.length ? h('span', { class: 'td-tags', 'aria-label': `expert: ${tags.join(', ')}`, text: `  [${tags.join(', ')}]` }) : null, '\n'));
  });
  replace(pre, rows);
}
