// The tcpdump tab: tcpdump's exact lines, with the engine's expert tags
// beside them (never inside), and only the packets the display filter
// selects. Both need a line's packet, which the wire's capture gives (a
// line per packet put on the wire, in order); a host's capture is shown
// as tcpdump prints it.

import { h, replace } from '../dom.mjs';
import { FILTER } from './strings.mjs';

// renderTcpdump fills pre with text; events (the trace) number the wire's
// lines, expert (expert()'s value) tags them, keep (a Set, or null)
// selects them. host '' is the wire.
export function renderTcpdump(pre, text, { host, events, expert, keep }) {
  const lines = text ? text.replace(/\n$/, '').split('\n') : [];
  if (host || !lines.length) {
    replace(pre, h('span', { text: text || '(no packets yet)' }), host && (keep || expert?.packets.length) ? h('span', { class: 'td-note', text: `\n(${FILTER.wireOnly})` }) : null);
    return;
  }
  const frames = events.filter((e) => e.kind === 'send' || e.kind === 'dup').map((e) => e.packet);
  const labels = new Map((expert?.packets ?? []).map((p) => [p.frame, p.labels]));
  const rows = [];
  lines.forEach((line, i) => {
    const packet = frames[i];
    if (keep && !keep.has(packet)) return;
    const tags = labels.get(i + 1);
    rows.push(h('span', { class: 'td-line', dataset: { packet } }, line,
      tags?.length ? h('span', { class: 'td-tags', 'aria-label': `expert: ${tags.join(', ')}`, text: `  [${tags.join(', ')}]` }) : null, '\n'));
  });
  replace(pre, rows);
}
