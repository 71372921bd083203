// The Conversations table: every TCP connection and UDP flow, as
// conversations() counts them; choosing a row filters the other views.

import { h, replace } from '../dom.mjs';
import { formatDuration } from '../format.mjs';
import { CONV } from './strings.mjs';

// renderConversations draws convs into root; chosen is the index shown
// alone (or null); onChoose(index or null) is told of a choice.
export function renderConversations(root, convs, { chosen, onChoose }) {
  if (!convs.length) return replace(root, h('p', { class: 'muted empty', text: CONV.none }));
  const rows = convs.map((c, i) => {
    const on = i === chosen;
    const cells = [c.stream, c.proto, `${c.hostA} ${c.a}`, `${c.hostB} ${c.b}`, c.frames[0], c.frames[1], c.bytes[0], c.bytes[1],
      formatDuration(c.duration), c.proto === 'tcp' ? c.retransmissions : '', c.lost,
      c.firstData >= 0 ? formatDuration(c.firstData) : '', c.stateA, c.stateB];
    return h('tr', {
      class: on ? 'chosen' : null, tabindex: 0, 'aria-selected': String(on), title: CONV.choose,
      dataset: { conv: i },
      onclick: () => onChoose(on ? null : i),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onChoose(on ? null : i); } },
    }, cells.map((v, k) => h('td', { class: k >= 4 && k <= 11 ? 'num' : null, text: v })));
  });
  replace(root,
    h('p', { class: 'muted small' }, CONV.caption, ' ',
      chosen !== null ? h('button', { type: 'button', class: 'link', onclick: () => onChoose(null), text: CONV.clear }) : null),
    h('div', { class: 'log-scroll' }, h('table', { class: 'events conversations', role: 'grid' },
      h('thead', {}, h('tr', {}, CONV.columns.map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, rows))));
}
