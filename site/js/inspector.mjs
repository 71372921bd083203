// The packet inspector: every header field of one packet, layer by layer,
// beside a hex and ASCII dump in which the chosen field's bytes light up.

import { h, replace } from './dom.mjs';
import { hexRows, hex2, hexOffset, printable, formatTime, base64ToBytes } from './format.mjs';
import { decodePacket } from './packet.mjs';
import { causeTag, causeWhy } from './causes.mjs';
import { t } from './i18n.mjs';
import { safeNodes, safeString, payloadString } from './safetext.mjs';

// inspectPacket shows packet id of a session in root: the engine's view of
// it, its bytes as sent and its fate, both read from events (the trace).
export function inspectPacket(root, engine, events, id) {
  if (!id) return renderInspector(root, null);
  const view = engine.packet(id);
  const send = events.find((e) => (e.kind === 'send' || e.kind === 'dup') && e.packet === id);
  const fate = events.findLast((e) => e.packet === id && (e.kind === 'deliver' || e.kind === 'drop'));
  const fateText = !fate ? t('inspector.on-wire', 'on the wire')
    : fate.kind === 'deliver' ? t('inspector.delivered', 'delivered at {time}', { time: formatTime(fate.time) })
      : t('inspector.dropped', 'dropped at {time}', { time: formatTime(fate.time) }) + (fate.text ? `: ${fate.text}` : '');
  return renderInspector(root, view, send ? base64ToBytes(send.bytes) : null, {
    route: send ? `${send.from} → ${send.to}` : '', time: send?.time, fate: fateText, cause: send?.cause,
  });
}

// renderInspector shows view (the engine's PacketView) with bytes (the
// packet as sent), or a hint when nothing is selected.
export function renderInspector(root, view, bytes, meta = {}) {
  if (!view) {
    replace(root, h('p', { class: 'muted empty' },
      t('inspector.empty', 'Click an arrow in the diagram (or focus it and press Enter) to see every field of that packet, its bytes and its payload.')));
    return;
  }
  const cells = [];
  const dump = bytes?.length ? hexDump(bytes, cells) : h('pre', { class: 'hexdump', text: view.hex ?? '' });
  const highlight = (field, sticky) => {
    for (const { el, off } of cells) el.classList.toggle('hl', !!field && off >= field.offset && off < field.offset + field.len);
    if (sticky) {
      for (const r of root.querySelectorAll('.field.sel')) r.classList.remove('sel');
    }
  };
  let chosen = null;
  const layers = (view.layers ?? []).map((layer) => h('table', { class: 'layer' },
    h('caption', { text: layer.name }),
    h('tbody', {}, (layer.fields ?? []).map((f) => {
      const row = h('tr', {
        class: 'field', tabindex: 0, 'aria-label': `${layer.name} ${f.name}: ${safeString(f.value)}${f.len ? `, bytes ${f.offset} to ${f.offset + f.len - 1}` : ''}`,
        onmouseenter: () => highlight(f), onmouseleave: () => highlight(chosen),
        onfocus: () => highlight(f), onblur: () => highlight(chosen),
        onclick: () => { chosen = f; highlight(f, true); row.classList.add('sel'); },
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); row.click(); } },
      }, h('th', { scope: 'row', text: f.name }), h('td', {}, safeNodes(f.value)), // a value can quote the payload
      h('td', { class: 'where', text: f.len ? `[${f.offset}:${f.offset + f.len}]` : '' }));
      return row;
    }))));
  replace(root, h('div', { class: 'inspector' },
    h('div', { class: 'insp-head' },
      h('h3', {}, t('inspector.packet', 'Packet #{id}', { id: view.id }), ' ', h('span', { class: 'muted', text: meta.route ?? '' })),
      h('code', { class: 'summary' }, safeNodes(view.summary)),
      view.label ? h('div', { class: 'insp-label' }, safeNodes(view.label)) : null, // the payload's words: a reason phrase may hold U+202E
      meta.time !== undefined ? h('div', { class: 'muted small', text: t('inspector.sent', 'sent at {time}', { time: formatTime(meta.time) }) + (meta.fate ? ` · ${meta.fate}` : '') }) : null,
      causeWhy(meta.cause) ? h('div', { class: 'insp-why' }, h('b', { text: t('inspector.why', 'Why: ') }), `${causeTag(meta.cause) ? causeTag(meta.cause) + ': ' : ''}${causeWhy(meta.cause)}`) : null,
      (view.problems ?? []).map((p) => h('div', { class: 'problem', text: `⚠ ${p}` }))),
    h('div', { class: 'insp-body' },
      h('div', { class: 'layers' }, layers),
      h('div', { class: 'dump' }, h('h4', { text: t('inspector.bytes', 'Bytes') }), dump, payloadText(bytes, view)))));
}

function hexDump(bytes, cells) {
  const rows = hexRows(bytes).map((row) => {
    const hexCells = [];
    const ascii = [];
    row.bytes.forEach((b, i) => {
      const off = row.offset + i;
      const hx = h('span', { class: 'b', text: hex2(b) });
      const ch = h('span', { class: 'c', text: printable(b) });
      cells.push({ el: hx, off }, { el: ch, off });
      hexCells.push(hx, i === 7 ? '  ' : ' ');
      ascii.push(ch);
    });
    const pad = ' '.repeat(Math.max(0, (16 - row.bytes.length) * 3 + (row.bytes.length <= 8 ? 1 : 0)));
    return h('div', { class: 'row' }, h('span', { class: 'off', text: hexOffset(row.offset) + '  ' }), hexCells, pad, ' |', ascii, '|');
  });
  return h('pre', { class: 'hexdump', tabindex: 0, 'aria-label': t('inspector.hexdump', 'hex dump') }, rows); // it may scroll sideways: the keyboard reaches it
}

// payloadText shows the application data as text (HTTP requests and
// responses read as they travel): UTF-8 as text, controls as dots and
// bidirectional characters as marks (safetext.mjs).
function payloadText(bytes, view) {
  const p = bytes ? decodePacket(bytes) : null;
  if (!p?.payload?.length) return null;
  const what = view.label ? t('inspector.payload-of', 'Payload: {label}', { label: safeString(view.label) }) : t('inspector.payload', 'Payload');
  return h('div', {}, h('h4', { text: what + t('inspector.payload-size', ' ({n, plural, one {# byte} other {# bytes}})', { n: p.payload.length }) }), h('pre', { class: 'payload' }, safeNodes(payloadString(p.payload))));
}
