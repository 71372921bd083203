// Draws the ladder model (ladder-model.mjs) as SVG: one vertical lane per
// host, one arrow per packet, notes at the sides, a "now" line, and packets
// in flight as buttons that open the in-flight menu.

import { svg, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { causeTag } from './causes.mjs';

// laneX places the lanes, leaving room for the notes beside the outer ones.
function laneX(model, width) {
  const margin = Math.min(Math.max(width * 0.2, 80), 118);
  const n = Math.max(model.lanes.length, 2);
  const span = width - 2 * margin;
  return new Map(model.lanes.map((name, i) => [name, margin + (span * i) / (n - 1)]));
}

// renderLadder fills svgEl. onPick(id, el) is called when an arrow is
// activated; onFlight(id, el) when a packet in flight is. idPrefix keeps the
// arrowheads' ids apart when one page draws several ladders.
export function renderLadder(svgEl, model, { width, selected, onPick, onFlight, onNote, idPrefix = '' }) {
  const xs = laneX(model, width);
  const height = Math.max(model.height, 240);
  svgEl.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svgEl.setAttribute('width', width);
  svgEl.setAttribute('height', height);

  const defs = svg('defs', {},
    marker(`${idPrefix}arrow-delivered`, 'head delivered'),
    marker(`${idPrefix}arrow-inflight`, 'head inflight'),
    marker(`${idPrefix}arrow-selected`, 'head selected'));
  const lanes = svg('g', { class: 'lanes' });
  for (const [name, x] of xs) {
    lanes.append(
      svg('line', { x1: x, y1: 22, x2: x, y2: height - 8, class: `lane lane-${name}` }),
      svg('text', { x, y: 14, class: `lane-name lane-name-${name}`, 'text-anchor': 'middle', text: name }));
  }

  const breaks = svg('g', { class: 'breaks' }, model.breaks.map((b) => svg('g', {},
    svg('line', { x1: 8, x2: width - 8, y1: b.y, y2: b.y, class: 'break' }),
    svg('text', { x: width / 2, y: b.y - 3, 'text-anchor': 'middle', class: 'break-text', text: `⋯ ${b.text} ⋯` }))));

  const now = svg('g', { class: 'now' },
    svg('line', { x1: 4, x2: width - 4, y1: model.nowY, y2: model.nowY, class: 'now-line' }),
    svg('text', { x: 6, y: model.nowY + 13, class: 'now-text', text: `now ${formatTime(model.now)}` }));

  const room = Math.floor((Math.min(...xs.values()) - 12) / 6.8); // characters that fit beside a lane
  const notes = svg('g', { class: 'notes' }, model.notes.map((n) => noteEl(n, xs, width, room, onNote)));
  const arrows = svg('g', { class: 'arrows' }, model.arrows.map((a) => arrowEl(a, xs, { selected, onPick, onFlight, idPrefix })));
  replace(svgEl, defs, lanes, breaks, notes, arrows, now);
  rovingFocus(arrows, selected);
}

// rovingFocus makes the arrows one stop in the Tab order (the selected
// packet, else the newest); ↑/↓, Home and End move between packets.
function rovingFocus(group, selected) {
  const items = [...group.querySelectorAll('g.arrow')];
  if (!items.length) return;
  const current = items.find((g) => Number(g.dataset.packet) === selected) ?? items.at(-1);
  current.setAttribute('tabindex', '0');
  group.addEventListener('keydown', (e) => {
    const i = items.indexOf(e.target);
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (i < 0 || next === undefined) return;
    e.preventDefault();
    const to = items[Math.min(Math.max(next, 0), items.length - 1)];
    for (const g of items) g.setAttribute('tabindex', g === to ? '0' : '-1');
    to.focus();
  });
}

function marker(id, cls) {
  return svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
}

// noteEl draws a note, cut to the room beside its lane; a click (or tap)
// calls onNote with its reference, to read it in full in the list.
function noteEl(n, xs, width, room, onNote) {
  const x = xs.get(n.host);
  if (x === undefined) return null;
  const text = n.text.length > room ? n.text.slice(0, Math.max(room - 1, 1)) + '…' : n.text;
  const left = x < width / 2;
  const tx = left ? x - 8 : x + 8;
  const ref = `event-${n.event}`;
  const el = svg('text', {
    x: tx, y: n.y + 4, 'text-anchor': left ? 'end' : 'start', class: `note note-${n.kind}${onNote ? ' linked' : ''}`, text, 'data-ref': ref,
  }, svg('title', { text: n.title || n.text }));
  if (onNote) el.addEventListener('click', () => onNote(ref));
  return el;
}

function arrowEl(a, xs, { selected, onPick, onFlight, idPrefix }) {
  const x1 = xs.get(a.from);
  const x2 = xs.get(a.to);
  if (x1 === undefined || x2 === undefined) return null;
  const isSel = selected === a.id;
  const classes = ['arrow', a.status];
  if (isSel) classes.push('selected');
  if (a.retransmit) classes.push('retransmit');
  if (a.copy) classes.push('copy');
  if (a.marks.includes('corrupted')) classes.push('corrupted');
  if (a.marks.includes('mismatch')) classes.push('mismatch'); // the packetdrill page's failed check
  const g = svg('g', {
    class: classes.join(' '), tabindex: -1, role: 'button', 'data-packet': a.id, 'data-ref': `packet-${a.id}`,
    'aria-label': `Packet ${a.id} from ${a.from} to ${a.to}: ${a.label}${a.sub ? ', ' + a.sub : ''}${causeTag(a.cause) ? ', ' + causeTag(a.cause) : ''}, ${describe(a)}`,
    'data-cause': a.cause || null,
  });
  const activate = () => (a.status === 'inflight' ? onFlight : onPick)?.(a.id, g);
  g.addEventListener('click', activate);
  g.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(); }
  });

  let ex = x2;
  let ey = a.y2;
  if (a.status === 'dropped' && !a.dropAtReceiver) {
    // Lost on the way: stop halfway across.
    ex = x1 + (x2 - x1) * 0.55;
    ey = a.y1 + (a.y2 - a.y1) * 0.55;
  }
  const head = idPrefix + (isSel ? 'arrow-selected' : a.status === 'inflight' ? 'arrow-inflight' : 'arrow-delivered');
  g.append(svg('line', { x1, y1: a.y1, x2: ex, y2: ey, class: 'hit' })); // wide invisible target
  if (a.status === 'inflight') {
    const px = x1 + (x2 - x1) * a.progress;
    const py = a.y1 + (a.y2 - a.y1) * a.progress;
    g.append(
      svg('line', { x1, y1: a.y1, x2: px, y2: py, class: 'shaft' }),
      svg('line', { x1: px, y1: py, x2, y2: a.y2, class: 'shaft ahead', 'marker-end': `url(#${head})` }),
      svg('circle', { cx: px, cy: py, r: 9, class: 'flight-dot' }),
      svg('text', { x: px, y: py + 3.5, 'text-anchor': 'middle', class: 'flight-id', text: a.id }));
  } else {
    g.append(svg('line', {
      x1, y1: a.y1, x2: ex, y2: ey, class: 'shaft',
      'marker-end': a.status === 'delivered' ? `url(#${head})` : null,
    }));
    if (a.status === 'dropped') g.append(cross(ex, ey));
  }

  // The label runs along the arrow, just above it (see placeLabels).
  const at = a.labelAt ?? 0.5;
  const mx = x1 + (x2 - x1) * at;
  const my = a.y1 + (a.y2 - a.y1) * at;
  const angle = (Math.atan2(a.y2 - a.y1, x2 - x1) * 180) / Math.PI;
  const upright = Math.abs(angle) > 90 ? angle - 180 : angle;
  const tags = [causeTag(a.cause), a.copy ? 'duplicate' : '', ...a.marks].filter(Boolean);
  const labels = svg('g', { transform: `translate(${mx.toFixed(1)},${my.toFixed(1)}) rotate(${upright.toFixed(2)})` },
    svg('text', { x: 0, y: -5, 'text-anchor': 'middle', class: 'label' },
      svg('tspan', { class: 'pid', text: `#${a.id} ` }),
      svg('tspan', { text: a.label }),
      tags.length ? svg('tspan', { class: 'tag', text: `  ${tags.join(', ')}` }) : null),
    a.sub ? svg('text', { x: 0, y: 12, 'text-anchor': 'middle', class: 'label sub', text: a.sub }) : null);
  g.append(labels);
  if (a.status === 'dropped' && a.why) g.append(svg('title', { text: a.why }));
  return g;
}

function cross(x, y) {
  const s = 6;
  return svg('path', { d: `M${x - s},${y - s} L${x + s},${y + s} M${x + s},${y - s} L${x - s},${y + s}`, class: 'cross' });
}

function describe(a) {
  switch (a.status) {
    case 'delivered': return `delivered at ${formatTime(a.t2)}`;
    case 'dropped': return `dropped${a.why ? ': ' + a.why : ''}`;
    case 'inflight': return `in flight, arrives at ${formatTime(a.t2)}; press Enter for actions`;
    default: return 'never delivered';
  }
}
