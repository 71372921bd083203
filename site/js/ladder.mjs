// Draws the ladder model (ladder-model.mjs) as SVG: one vertical lane per
// host, one arrow per packet, notes at the sides, a "now" line, and packets
// in flight as buttons that open the in-flight menu.

import { svg, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { layoutLadder, segment, METRICS } from './ladder-layout.mjs';
import { arrowTags } from './ladder-model.mjs';
import { t } from './i18n.mjs';

// A diagram of more arrows than this draws only what is on the screen and
// a screen's height either side, and the rest as the view scrolls there.
const DRAWN_WHOLE = 400;
const drawings = new WeakMap(); // svg element → its drawing, for scrolling and revealing
const watched = new WeakSet(); // svg elements redrawn as the page scrolls

// renderLadder fills svgEl, laid out for width (ladder-layout.mjs, which
// moves the model's rows down where labels need room). onPick(id, el) is called when an arrow is
// activated; onFlight(id, el) when a packet in flight is. idPrefix keeps the
// arrowheads' ids apart when one page draws several ladders.
// crowds maps a crowd host's lane to its network: its clients' packets are
// summed up in the Many clients panel, not drawn one by one. memo, kept by
// the caller between calls for one diagram, lets the layout redo only what
// a call's model added (layoutLadder). lit is the data-ref of an item to
// mark; beforeDraw is called once the diagram has its height, before its
// items are drawn (to scroll it where it is to be seen).
export function renderLadder(svgEl, model, { width, selected, onPick, onFlight, onNote, idPrefix = '', crowds = new Map(), memo = null, lit = null, beforeDraw = null }) {
  const layout = layoutLadder(model, width, arrowTags, METRICS, memo);
  const xs = layout.xs;
  // The keyboard stays on its packet when the diagram is drawn anew (a
  // line run, a packet acted on): the old arrows go before the new ones come.
  const kept = svgEl.contains(document.activeElement) ? drawings.get(svgEl)?.focus : undefined;
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
        crowds.has(name) ? svg('title', { text: t('ladder.crowd-lane', 'the clients of {network}: their packets are summed up in the Many clients tab', { network: crowds.get(name) }) }) : null));
  }
  const now = svg('g', { class: 'now' },
    svg('line', { x1: 4, x2: width - 4, y1: model.nowY, y2: model.nowY, class: 'now-line' }),
    svg('text', { x: 6, y: model.nowY + 13, class: 'now-text', text: `now ${formatTime(model.now)}` }));
  const breaks = svg('g', { class: 'breaks' });
  const notes = svg('g', { class: 'notes' });
  const arrows = svg('g', { class: 'arrows' });
  replace(svgEl, defs, lanes, breaks, notes, arrows, now);

  const ids = model.arrows.filter((a) => layout.labels.has(a.id)).map((a) => a.id);
  const at = new Map(model.arrows.map((a) => [a.id, a]));
  const drawing = {
    model, whole: model.arrows.length <= DRAWN_WHOLE, top: 0, bottom: 0, lit,
    focus: ids.includes(kept) ? kept : ids.includes(selected) ? selected : ids.at(-1), keep: ids.includes(kept),
    // draw puts what lies between top and bottom on the diagram.
    draw(top, bottom) {
      const within = (y0, y1) => this.whole || (Math.max(y0, y1) >= top && Math.min(y0, y1) <= bottom);
      const focused = this.keep || arrows.contains(document.activeElement);
      this.keep = false;
      replace(breaks, layout.breaks.filter((b) => within(b.y, b.y)).map((b) => svg('g', {},
        b.pieces.map(([x1, x2]) => svg('line', { x1, x2, y1: b.y, y2: b.y, class: 'break' })),
        svg('text', { x: b.x, y: b.y - 3, 'text-anchor': b.anchor, class: 'break-text', text: `⋯ ${b.text} ⋯` }))));
      replace(notes, layout.notes.filter((n) => within(n.note.y, n.note.y)).map((n) => noteEl(n, onNote)));
      // an arrow's label reaches a few lines past its ends
      replace(arrows, model.arrows.filter((a) => within(a.y1 - 80, a.y2 + 80) || (focused && a.id === this.focus))
        .map((a) => arrowEl(a, xs, layout.labels.get(a.id), { selected, onPick, onFlight, idPrefix, focus: a.id === this.focus })));
      if (this.lit) svgEl.querySelector(`[data-ref="${this.lit}"]`)?.classList.add('lit');
      // the diagram stays one Tab stop when the packet it stops at is off the screen
      if (!arrows.querySelector('[tabindex="0"]')) arrows.firstElementChild?.setAttribute('tabindex', '0');
      Object.assign(this, { top, bottom });
      if (focused) arrows.querySelector(`[data-packet="${this.focus}"]`)?.focus({ preventScroll: true });
    },
    // reveal draws the screens around y.
    reveal(y) {
      const screen = Math.max(innerHeight, 400);
      if (this.whole || (y - screen >= this.top && y + screen <= this.bottom)) return;
      this.draw(y - 2 * screen, y + 2 * screen);
    },
    // follow draws what the view now shows, when it is near the edge of
    // what was drawn.
    follow() {
      if (this.whole || !svgEl.isConnected) return;
      const box = svgEl.getBoundingClientRect();
      const view = visibleOf(svgEl);
      const top = view.top - box.top;
      const bottom = view.bottom - box.top;
      const screen = Math.max(bottom - top, 200);
      if (top - screen / 2 >= this.top && bottom + screen / 2 <= this.bottom) return;
      this.draw(top - screen, bottom + screen);
    },
  };
  drawings.set(svgEl, drawing);
  beforeDraw?.();
  if (!drawing.whole && !watched.has(svgEl)) watchScroll(svgEl);
  if (drawing.whole) drawing.draw(-Infinity, Infinity);
  else drawing.follow();
  rovingFocus(svgEl, arrows, ids, at);
}

// revealOnLadder draws the part of the diagram where ref (a data-ref:
// packet-N or event-N) is, scrolls it to the middle of the view and
// returns its element.
export function revealOnLadder(svgEl, ref) {
  const d = drawings.get(svgEl);
  if (!d) return null;
  const packet = /^packet-(\d+)$/.exec(ref);
  const item = packet ? d.model.arrows.find((a) => a.id === Number(packet[1])) : d.model.notes.find((n) => `event-${n.event}` === ref);
  if (!item) return null;
  const y = packet ? (item.y1 + item.y2) / 2 : item.y;
  d.reveal(y);
  scrollers(svgEl)[0]?.scrollIntoView({ block: 'nearest' }); // the diagram's box on the screen
  bringIntoView(svgEl, y, true);
  return svgEl.querySelector(`[data-ref="${ref}"]`);
}

// scrollers lists el's ancestors that scroll.
function scrollers(el) {
  const out = [];
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollHeight > p.clientHeight && /auto|scroll/.test(getComputedStyle(p).overflowY)) out.push(p);
  }
  return out;
}

// visibleOf is the part of the screen el can be seen in: the window,
// cut by every ancestor that scrolls.
function visibleOf(el) {
  let top = 0;
  let bottom = innerHeight;
  for (const p of scrollers(el)) {
    const r = p.getBoundingClientRect();
    top = Math.max(top, r.top);
    bottom = Math.min(bottom, r.bottom);
  }
  return { top, bottom };
}

// bringIntoView scrolls the diagram's nearest scrolling box (or the page)
// so that its y is in view, in the middle when centre or when it is not.
// The page scrolls itself rather than leave it to focus() and
// scrollIntoView(): Firefox scrolls a box to its top for an SVG element.
function bringIntoView(svgEl, y, centre = false) {
  const box = scrollers(svgEl)[0];
  const view = box ? box.getBoundingClientRect() : { top: 0, bottom: innerHeight };
  const at = svgEl.getBoundingClientRect().top + y; // on the screen
  if (!centre && at >= view.top + 30 && at <= view.bottom - 30) return;
  const by = at - (view.top + view.bottom) / 2;
  if (box) box.scrollTop += by;
  else scrollBy(0, by);
}

// watchScroll redraws a long diagram's visible part when the page or a
// box holding it scrolls (once a frame).
function watchScroll(svgEl) {
  watched.add(svgEl);
  let queued = false;
  const onScroll = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      drawings.get(svgEl)?.follow();
    });
  };
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  addEventListener('resize', onScroll, { passive: true });
}

// rovingFocus makes the arrows one stop in the Tab order (the selected
// packet, else the newest); ↑/↓, Home and End move between packets, drawing
// the part of a long diagram a packet is on.
function rovingFocus(svgEl, group, ids, arrowOf) {
  group.addEventListener('focusin', (e) => {
    const id = Number(e.target.dataset?.packet);
    if (!id) return;
    drawings.get(svgEl).focus = id;
    const a = arrowOf.get(id);
    bringIntoView(svgEl, (a.y1 + a.y2) / 2);
  });
  group.addEventListener('keydown', (e) => {
    const i = ids.indexOf(Number(e.target.dataset?.packet));
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: ids.length - 1 }[e.key];
    if (i < 0 || next === undefined) return;
    e.preventDefault();
    const id = ids[Math.min(Math.max(next, 0), ids.length - 1)];
    const d = drawings.get(svgEl);
    d.focus = id;
    d.reveal(arrowOf.get(id).y1);
    for (const g of group.querySelectorAll('g.arrow')) g.setAttribute('tabindex', Number(g.dataset.packet) === id ? '0' : '-1');
    group.querySelector(`[data-packet="${id}"]`)?.focus({ preventScroll: true });
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

function arrowEl(a, xs, label, { selected, onPick, onFlight, idPrefix, focus }) {
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
    class: classes.join(' '), tabindex: focus ? 0 : -1, role: 'button', 'data-packet': a.id, 'data-ref': `packet-${a.id}`,
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
