// Follow TCP stream: a conversation's bytes as the engine reassembles
// them (follow()), both directions coloured, as text, hex or decoded
// (the engine's own label of each segment: HTTP start lines, WebSocket
// frames), each chunk linked to the segment that carried it.

import { h, replace } from '../dom.mjs';
import { base64ToBytes, hexRows, hex2, hexOffset, printable } from '../format.mjs';
import { currentLang } from '../i18n.mjs';
import { FOLLOW } from './strings.mjs';
import { safeNodes, payloadString } from '../safetext.mjs';

const FIRST_BYTES = 65536; // drawn at first; "Show everything" draws the rest

export class FollowView {
  constructor(root, { onPacket }) {
    this.onPacket = onPacket;
    this.mode = 'text';
    this.all = false;
    this.modeSelect = h('select', { id: 'follow-mode', onchange: () => { this.mode = this.modeSelect.value; this.draw(); } },
      Object.keys(FOLLOW.modes).map((v) => h('option', { value: v })));
    this.modeWord = document.createTextNode('');
    this.summary = h('span', { class: 'muted' });
    this.body = h('div', { class: 'follow-body', 'aria-live': 'off' });
    replace(root, h('div', { class: 'panel-bar' }, h('label', { class: 'inline' }, this.modeWord, this.modeSelect), this.summary), this.body);
    this.relabel();
  }

  // relabel words the bar in the page's language (again after a switch).
  relabel() {
    this.lang = currentLang();
    this.modeWord.data = `${FOLLOW.mode} `;
    for (const o of this.modeSelect.options) o.textContent = FOLLOW.modes[o.value];
  }

  // render shows conv's chunks (follow()); labels maps packet ids to the
  // engine's labels (the trace's send events).
  render(conv, chunks, labels, key) {
    if (key !== this.key) this.all = false;
    this.key = key;
    this.conv = conv;
    this.chunks = chunks.map((c) => ({ ...c, bytes: base64ToBytes(c.data) }));
    this.labels = labels;
    this.draw();
  }

  draw() {
    if (this.lang !== currentLang()) this.relabel();
    const chunks = this.chunks ?? [];
    if (!this.conv || !chunks.length) {
      this.summary.textContent = '';
      return replace(this.body, h('p', { class: 'muted empty', text: FOLLOW.none }));
    }
    const sent = [0, 0];
    for (const c of chunks) sent[c.reverse ? 1 : 0] += c.bytes.length;
    this.summary.textContent = ` ${FOLLOW.summary(sent[0], sent[1], this.conv)}`;
    const total = sent[0] + sent[1];
    let budget = this.all ? Infinity : FIRST_BYTES;
    const out = [];
    let shown = 0;
    for (let i = 0; i < chunks.length && budget > 0; i++) {
      const c = chunks[i];
      const bytes = c.bytes.length > budget ? c.bytes.subarray(0, budget) : c.bytes;
      budget -= bytes.length;
      shown += bytes.length;
      out.push(this.chunk(c, bytes, chunks[i - 1]));
    }
    replace(this.body, h('div', { class: `follow follow-${this.mode}` }, out),
      shown < total ? h('p', { class: 'muted' }, FOLLOW.more(shown, total), ' ',
        h('button', { type: 'button', id: 'follow-all', text: FOLLOW.showAll, onclick: () => { this.all = true; this.draw(); } })) : null);
  }

  chunk(c, bytes, prev) {
    const dir = c.reverse ? 'dir-b' : 'dir-a';
    const link = h('button', { type: 'button', class: 'link chunk-link', text: `#${c.packet}`, 'aria-label': FOLLOW.chunk(c.packet), onclick: () => this.onPacket(c.packet) });
    if (this.mode === 'hex') {
      const rows = hexRows(bytes).map((r) => `${hexOffset(c.offset + r.offset)}  ${[...r.bytes].map(hex2).join(' ').padEnd(47)}  ${[...r.bytes].map(printable).join('')}`);
      return h('div', { class: `chunk ${dir}`, dataset: { packet: c.packet } }, link, h('pre', { text: rows.join('\n') }));
    }
    if (this.mode === 'decoded') {
      const label = this.labels.get(c.packet);
      if (!label) { // the rest of a message the engine labelled before
        const same = prev && prev.reverse === c.reverse;
        return h('div', { class: `chunk ${dir} cont`, dataset: { packet: c.packet } }, link, ` ${same ? '…' : ''} ${bytes.length} bytes`);
      }
      const head = headerBlock(bytes).replace(label, '').replace(/^\n/, ''); // the label is its start line
      return h('div', { class: `chunk ${dir}`, dataset: { packet: c.packet } }, link, ' ', h('b', {}, safeNodes(label)),
        head ? h('pre', {}, safeNodes(head)) : null);
    }
    return h('div', { class: `chunk ${dir}`, dataset: { packet: c.packet } }, link, h('pre', {}, safeNodes(payloadString(bytes))));
  }
}

// headerBlock is an HTTP message's start line and headers, when bytes
// begin with them (up to the blank line), else ''.
function headerBlock(bytes) {
  const text = payloadString(bytes.subarray(0, 4096));
  if (!/^(?:[A-Z]+ \S+ HTTP\/\d|HTTP\/\d)/.test(text)) return '';
  const end = text.indexOf('\n\n');
  return end < 0 ? text : text.slice(0, end);
}
