// Draws the ladder model (ladder-model.mjs) as SVG: one vertical lane per
// host, one arrow per packet, notes at the sides, a "now" line, and packets
// in flight as buttons that open the in-flight menu.

import { svg, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { layoutLadder, segment } from './ladder-layout.mjs';
import { arrowTags } from './ladder-model.mjs';

// renderLadder fills svgEl, laid out for width (ladder-layout.mjs, which
// moves the model's rows down where labels need room). onPick(id, el) is called when an arrow is
// activated; onFlight(id, el) when a packet in flight is. idPrefix keeps the
// arrowheads' ids apart when one page draws several ladders.
// crowds maps a crowd host's lane to its network: its clients' packets are
// summed up in the Many clients panel, not drawn one by one.
export function renderLadder(svgEl, model, { width, selected, onPick, onFlight, onNote, idPrefix = '', crowds = new Map() }) {
  const layout = layoutLadder(model, width, arrowTags);
  const xs = layout.xs;
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
      svg('text', { x, y: 14, class: `lane-name lane-name-${name}`, 'text-anchor': 'middle', text: crowds.has(name) ? `${name} ⁂` : name },
        crowds.has(name) ? svg('title', { text: `the clients of ${crowds.get(name)}: their packets are summed up in the Many clients tab` }) : null));
  }

  const breaks = svg('g', { class: 'breaks' }, layout.breaks.map((b) => svg('g', {},
    b.pieces.map(([x1, x2]) => svg('line', { x1, x2, y1: b.y, y2: b.y, class: 'break' })),
    svg('text', { x: b.x, y: b.y - 3, 'text-anchor': b.anchor, class: 'break-text', text: `⋯ ${b.text} ⋯` }))));

  const now = svg('g', { class: 'now' },
    svg('line', { x1: 4, x2: width - 4, y1: model.nowY, y2: model.nowY, class: 'now-line' }),
    svg('text', { x: 6, y: model.nowY + 13, class: 'now-text', text: `now ${formatTime(model.now)}` }));

  const notes = svg('g', { class: 'notes' }, layout.notes.map((n) => noteEl(n, onNote)));
  const arrows = svg('g', { class: 'arrows' }, model.arrows.map((a) => arrowEl(a, xs, layout.labels.get(a.id), { selected, onPick, onFlight, idPrefix })));
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

// noteEl draws a note as fitted beside its lane; a click (or tap) calls
// onNote with its reference, to read it in full in the list.
function noteEl({ note: n, x, anchor, text }, onNote) {
  const ref = `event-${n.event}`;
  const el = svg('text', {
    x, y: n.y + 4, 'text-anchor': anchor, class: `note note-${n.kind}${onNote ? ' linked' : ''}`, text, 'data-ref': ref,
  }, svg('title', { text: n.title || n.text }));
  if (onNote) el.addEventListener('click', () => onNote(ref));
  return el;
}

function arrowEl(a, xs, label, { selected, onPick, onFlight, idPrefix }) {
  const seg = segment(a, xs);
  if (!seg || !label) return null;
  const { x1, x2 } = seg;
  const isSel = selected === a.id;
  const classes = ['arrow', a.status];
  if (isSel) classes.push('selected');
  if (a.retransmit) classes.push('retransmit');
  if (a.copy) classes.push('copy');
  if (a.marks.includes('corrupted')) classes.push('corrupted');
  if (a.marks.includes('mismatch')) classes.push('mismatch'); // the packetdrill page's failed check
  const g = svg('g', {
    class: classes.join(' '), tabindex: -1, role: 'button', 'data-packet': a.id, 'data-ref': `packet-${a.id}`,
    'aria-label': `${a.status === 'inflight' ? `${a.id} ` : ''}#${a.id} ${a.label}${[...arrowTags(a), a.sub].filter(Boolean).map((x) => ` ${x}`).join('')}: from ${a.from} to ${a.to}, ${describe(a)}`, // the drawn words first (WCAG 2.5.3): a packet in flight's number in its dot, its label
    'data-cause': a.cause || null,
  });
  const activate = () => (a.status === 'inflight' ? onFlight : onPick)?.(a.id, g);
  g.addEventListener('click', activate);
  g.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(); }
  });

  const ex = seg.x2;
  const ey = seg.y2;
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

  // The label runs along the arrow where the layout put it: its lines
  // above the arrow, the application's words (sub) below.
  const lines = (ls, y, cls) => svg('text', { x: 0, y, 'text-anchor': 'middle', class: cls },
    ls.map((words, i) => svg('tspan', { x: 0, dy: i ? 13 : 0 },
      runs(words).map((w) => (w.cls ? svg('tspan', { class: w.cls, text: w.text }) : w.text)))));
  g.append(svg('g', { transform: `translate(${label.x.toFixed(1)},${label.y.toFixed(1)}) rotate(${label.angle.toFixed(2)})` },
    lines(label.lines, -5 - (label.lines.length - 1) * 13, 'label'),
    label.sub.length ? lines(label.sub, 12, 'label sub') : null));
  if (a.status === 'dropped' && a.why) g.append(svg('title', { text: a.why }));
  return g;
}

// runs joins a line's words drawn alike into one piece of text.
function runs(words) {
  const out = [];
  for (const w of words) {
    if (out.length && out.at(-1).cls === w.cls) out.at(-1).text += w.text;
    else out.push({ ...w });
  }
  return out;
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
