// Where the ladder's words go for a given width, so that none lies on
// another: each arrow's label is wrapped to the arrow's length and put at
// the first place along it that is free of earlier labels, notes and
// packets in flight; when no place is free, the diagram is stretched down
// from that arrow's departure until one is. Notes are fitted beside their
// lane, never cut off at the edge (a state too long for the room takes its
// `ss` name). A "⋯ later ⋯" line is not drawn across arrows. Pure
// geometry, no DOM: ladder.mjs draws the result.

// Text sizes as style.css draws them: advance per character of the labels
// (11.5px monospace) and notes (11px monospace), and line height.
export const METRICS = { labelChar: 7, noteChar: 6.7, line: 13, notePad: 12, edge: 4 };

// The narrowest diagram drawn: a narrower box scrolls it sideways. The
// unit test lays the diagram out at every width from here up.
export const LEAST_WIDTH = 300;

// ss -tan's names for the states (iproute2 misc/ss.c), shorter than RFC 793's.
const SS_NAMES = { 'SYN-RECEIVED': 'SYN-RECV', ESTABLISHED: 'ESTAB' };

// laneX places the lanes, leaving room beside the outer ones for notes
// (at least a state's ss name: FIN-WAIT-1).
export function laneX(lanes, width, m = METRICS) {
  const least = 10 * m.noteChar + m.notePad + m.edge;
  const margin = Math.min(Math.max(width * 0.2, least), 118);
  const n = Math.max(lanes.length, 2);
  const span = width - 2 * margin;
  return new Map(lanes.map((name, i) => [name, margin + (span * i) / (n - 1)]));
}

// segment is the part of an arrow that is drawn: a packet lost on the way
// stops a little past halfway.
export function segment(a, xs) {
  const x1 = xs.get(a.from);
  const x2 = xs.get(a.to);
  if (x1 === undefined || x2 === undefined) return null;
  if (a.status === 'dropped' && !a.dropAtReceiver) {
    return { x1, y1: a.y1, x2: x1 + (x2 - x1) * 0.55, y2: a.y1 + (a.y2 - a.y1) * 0.55, full: { x2, y2: a.y2 } };
  }
  return { x1, y1: a.y1, x2, y2: a.y2 };
}

// columns is how many monospace columns text takes: a CJK character
// (East Asian Wide or Fullwidth) is drawn about twice as wide as a Latin
// one (zh-CN tags and notes: 重复 ACK).
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;
export function columns(text) {
  return text.length + (text.match(WIDE)?.length ?? 0);
}

// wrapLabel cuts an arrow's words ([{text, cls}], each ending in its
// space) into lines of at most room characters; a word longer than a
// line gets a line of its own.
export function wrapLabel(words, room) {
  const lines = [];
  let line = [];
  let used = 0;
  for (const w of words) {
    const n = columns(w.text.trimEnd());
    if (line.length && used + n > room) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(w);
    used += columns(w.text);
  }
  if (line.length) lines.push(line);
  return lines;
}

// labelWords splits an arrow's label into words with the class each is
// drawn in: its number, the segment, the engine's tags.
export function labelWords(a, tags) {
  const words = [{ text: `#${a.id} `, cls: 'pid' }, ...splitWords(a.label, '')];
  if (tags.length) {
    words[words.length - 1].text += '  ';
    words.push(...splitWords(tags.join(', '), 'tag'));
  }
  return words;
}

function splitWords(text, cls) {
  return text.split(' ').filter(Boolean).map((t, i, all) => ({ text: i < all.length - 1 ? t + ' ' : t, cls }));
}

// labelRoom is how many characters of label fit on a line along an arrow
// between two lanes next to each other.
export function labelRoom(lanes, width, m = METRICS) {
  const xs = [...laneX(lanes, width, m).values()];
  const span = xs.length > 1 ? Math.abs(xs[1] - xs[0]) : width / 2;
  return Math.max(Math.floor((span - 24) / m.labelChar), 12);
}

// labelLines is how many lines a's label takes above its arrow and its
// application words (sub) below, in width.
export function labelLines(a, tags, lanes, width, m = METRICS) {
  const room = labelRoom(lanes, width, m);
  return { above: wrapLabel(labelWords(a, tags), room).length, below: a.sub ? wrapLabel(splitWords(a.sub, 'sub'), room).length : 0 };
}

// The places tried along an arrow, in order: the middle first; for an
// arrow another one crosses, its sender's side first.
const ALONG = [0.5, 0.38, 0.62, 0.27, 0.73, 0.18, 0.82];
const ALONG_CROSSED = [0.3, 0.2, 0.4, 0.5, 0.62, 0.73];
const STRETCHES = [0, 6, 12, 24, 48, 96, 160, 240, 320]; // tried in turn, in pixels
const LOOK_BACK = 24; // earlier labels an arrow's label is checked against
const REPLACE_ROUNDS = 8;

// layoutLadder lays model (ladder-model.mjs) out in width pixels. It moves
// the model's y coordinates down where it stretches, and returns the lanes'
// x, each arrow's label (get(id): {lines, sub, width, x, y, angle}), each
// note's place and text and each break's line pieces.
//
// memo, when given, is an object the caller keeps between calls for one
// diagram: a call whose model is the last one with more at its end (a
// typed line's new packets, notes and arrivals) lays out only what that
// changed, from the last arrow whose geometry or label the change can
// touch, the labels above it kept where they were. The guarantee is the
// same (no label on another, a note or a packet in flight); the places
// may differ from a layout of the whole model at once.
export function layoutLadder(model, width, tagsOf = () => [], m = METRICS, memo = null) {
  const xs = laneX(model.lanes, width, m);
  const notes = fitNotes(model, xs, width, m);
  const drawn = model.arrows.filter((a) => segment(a, xs));
  const inputs = drawn.map((a) => arrowInput(a, tagsOf(a)));
  const key = `${width} ${model.lanes.join(' ')} ${Object.values(m).join(' ')}`;
  const reuse = memo?.key === key ? memo : null;

  // Stretches, in the model's own y (before any is applied), ascending:
  // cutY[i] gets cutS[i] pixels more from there down; cutBy[i] is the
  // arrow (its index in drawn) that asked for it; below[i] the sum up to i.
  const cutY = [];
  const cutS = [];
  const cutBy = [];
  const below = [];
  const cutsAt = (y) => { // how many cuts are at or above y
    let lo = 0;
    let hi = cutY.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cutY[mid] <= y) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  const shiftAt = (y) => {
    const n = cutsAt(y);
    return n ? below[n - 1] : 0;
  };
  const addCut = (y, s, by) => {
    const i = cutsAt(y);
    cutY.splice(i, 0, y);
    cutS.splice(i, 0, s);
    cutBy.splice(i, 0, by);
    below.length = i;
    for (let j = i; j < cutY.length; j++) below.push((j ? below[j - 1] : 0) + cutS[j]);
  };
  let trial = null; // a stretch being tried: [y, px]
  const at = (y) => y + shiftAt(y) + (trial && y >= trial[0] ? trial[1] : 0);

  // What stays from the last layout: the arrows before from, with the
  // stretches they asked for.
  const from = reuse ? resumeAt(reuse, inputs, notes, drawn) : 0;
  const placed = reuse ? reuse.placed.slice(0, from) : []; // by index in drawn: {label, t}
  if (reuse) {
    for (let i = 0; i < reuse.cutY.length; i++) {
      if (reuse.cutBy[i] < from) addCut(reuse.cutY[i], reuse.cutS[i], reuse.cutBy[i]);
    }
  }

  const noteBoxes = notes.map((n) => ({ n, y0: n.note.y })).sort((p, q) => p.y0 - q.y0);
  // noteNear lists the note boxes between top and bottom (notes are in
  // y order, and at keeps the order).
  const noteNear = (top, bottom) => {
    let lo = 0;
    let hi = noteBoxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(noteBoxes[mid].y0) < top - 12) lo = mid + 1; else hi = mid;
    }
    const out = [];
    for (let i = lo; i < noteBoxes.length && at(noteBoxes[i].y0) <= bottom + 12; i++) out.push(noteRect(noteBoxes[i].n, at(noteBoxes[i].y0), m));
    return out;
  };

  const dots = drawn.filter((a) => a.status === 'inflight');
  // choose finds a's label the first free place among its variants and
  // places along it, trying stretches up to most; others are the labels
  // (indexes in drawn) it must keep clear of.
  const choose = (a, variants, others, most) => {
    const seg = segment(a, xs);
    const along = a.labelAt === 0.3 ? ALONG_CROSSED : ALONG;
    let best = null;
    for (const s of STRETCHES) {
      if (s > most || best?.free) break;
      trial = s ? [a.y1, s] : null;
      const obstacles = obstaclesFor(a, others);
      for (const label of variants) {
        for (const t of along) {
          const { poly } = labelBox(a, seg, label, t, at, m);
          if (!inside(poly, width)) continue;
          const free = !clashes(poly, obstacles, noteNear);
          if (free || !best) best = { label, t, s, free };
          if (free) break;
        }
        if (best?.free) break;
      }
    }
    trial = null;
    return best ?? { label: variants[0], t: 0.5, s: 0, free: false };
  };
  // obstaclesFor is what a's label must keep clear of, as things stand:
  // others' labels and the packets in flight but a.
  const obstaclesFor = (a, others) => {
    const out = [];
    for (const j of others) if (placed[j]) out.push(boxOf(j));
    for (const d of dots) {
      const seg = d === a ? null : segment(d, xs);
      if (!seg) continue;
      const cx = seg.x1 + (seg.x2 - seg.x1) * d.progress;
      const cy = at(d.y1) + (at(d.y2) - at(d.y1)) * d.progress;
      out.push(bounded([[cx - 11, cy - 11], [cx + 11, cy - 11], [cx + 11, cy + 11], [cx - 11, cy + 11]]));
    }
    return out;
  };
  // boxOf is the box of arrow j's label as placed, kept while its ends
  // stay where they were.
  const boxes = [];
  const boxOf = (j) => {
    const a = drawn[j];
    const { label, t } = placed[j];
    const { y1, y2 } = drawnEnds(a, at);
    const kept = boxes[j];
    if (kept && kept.label === label && kept.t === t && kept.y1 === y1 && kept.y2 === y2) return kept.poly;
    const poly = bounded(labelBox(a, segment(a, xs), label, t, at, m).poly);
    boxes[j] = { label, t, y1, y2, poly };
    return poly;
  };
  const range = (lo, hi, but) => {
    const out = [];
    for (let j = Math.max(0, lo); j < Math.min(hi, drawn.length); j++) if (j !== but) out.push(j);
    return out;
  };

  const variantsOf = [];
  for (let i = from; i < drawn.length; i++) {
    const a = drawn[i];
    const seg = segment(a, xs);
    const words = labelWords(a, inputs[i].tags);
    const length = Math.hypot(seg.x2 - seg.x1, seg.y2 - seg.y1);
    const room = Math.max(Math.floor((length - 24) / m.labelChar), 12);
    // The label as wide as the arrow allows, else in narrower lines (two
    // crossing arrows' labels then fit side by side).
    const variants = [room, Math.max(Math.floor(room / 2), 10), Math.max(Math.floor(room / 3), 8)].map((r) => wrapped(words, a.sub, r, m));
    variantsOf[i] = variants;
    const best = choose(a, variants, range(i - LOOK_BACK, i), STRETCHES.at(-1));
    if (best.s && best.free) addCut(a.y1, best.s, i);
    placed[i] = { label: best.label, t: best.t };
  }

  // A stretch below an arrow's departure makes it steeper and moves its
  // label: a label that now lies on a neighbour's is placed again. Placing
  // one again can stretch the diagram under another, so this repeats
  // until nothing moves (a few rounds at most).
  for (let round = 0; round < REPLACE_ROUNDS; round++) {
    let moved = false;
    for (let i = from; i < drawn.length; i++) {
      const a = drawn[i];
      const near = range(i - LOOK_BACK, i + LOOK_BACK + 1, i);
      if (!clashes(boxOf(i), obstaclesFor(a, near), noteNear)) continue;
      const best = choose(a, variantsOf[i], near, STRETCHES.at(-1));
      if (!best.free) continue;
      if (best.s) addCut(a.y1, best.s, i);
      placed[i] = { label: best.label, t: best.t };
      moved = true;
    }
    if (!moved) break;
  }

  if (memo) {
    // For the next call: what each arrow was, how far down it and its
    // label reach (the most of those before it, too).
    const reach = reuse ? reuse.reach.slice(0, from) : [];
    const boxBottom = reuse ? reuse.boxBottom.slice(0, from) : [];
    for (let i = from; i < drawn.length; i++) {
      const a = drawn[i];
      const { poly } = labelBox(a, segment(a, xs), placed[i].label, placed[i].t, at, m);
      reach.push(Math.max(i ? reach[i - 1] : -Infinity, a.y1, a.y2));
      boxBottom.push(Math.max(i ? boxBottom[i - 1] : -Infinity, ...poly.map(([, y]) => y)));
    }
    Object.assign(memo, {
      relaid: drawn.length - from, key, inputs, placed, reach, boxBottom, cutY, cutS, cutBy,
      notes: notes.map((n) => ({ y: n.note.y, text: n.text, x: n.x })),
    });
  }

  // Every y moves by the stretch above it.
  const move = (y) => y + shiftAt(y);
  for (const a of model.arrows) {
    a.y1 = move(a.y1);
    a.y2 = move(a.y2);
  }
  for (const n of model.notes) n.y = move(n.y);
  for (const b of model.breaks) b.y = move(b.y);
  model.height = move(model.height - 1) + 1;
  model.nowY = move(model.nowY);

  // Labels are placed on the stretched diagram when asked for (a long
  // diagram draws only what is on the screen).
  const index = new Map(drawn.map((a, i) => [a.id, i]));
  const none = (y) => y;
  const labels = {
    has: (id) => index.has(id),
    get(id) {
      const i = index.get(id);
      if (i === undefined) return undefined;
      const a = drawn[i];
      const { label, t } = placed[i];
      return { ...label, t, ...labelBox(a, segment(a, xs), label, t, none, m).at };
    },
  };
  const breaks = breakLines(model.breaks, model.arrows, xs, width);
  return { xs, labels, notes, breaks };
}

// arrowInput is what the layout reads of an arrow, to tell whether it
// changed since the last layout.
function arrowInput(a, tags) {
  return { id: a.id, from: a.from, to: a.to, y1: a.y1, y2: a.y2, status: a.status, dropAtReceiver: !!a.dropAtReceiver, progress: a.progress, labelAt: a.labelAt, label: a.label, sub: a.sub, tags };
}

function sameInput(p, q) {
  return p.id === q.id && p.from === q.from && p.to === q.to && p.y1 === q.y1 && p.y2 === q.y2 && p.status === q.status &&
    p.dropAtReceiver === q.dropAtReceiver && p.progress === q.progress && p.labelAt === q.labelAt && p.label === q.label &&
    p.sub === q.sub && p.tags.length === q.tags.length && p.tags.every((t, i) => t === q.tags[i]);
}

const CLEAR = 14; // below a kept label, room for a new note (±6) or dot (±11)

// resumeAt is the first arrow of drawn to lay out again after the last
// layout (memo): the arrows before it are unchanged, reach no lower than
// its departure (where a new stretch would start) and keep their labels
// clear of the first new note or arrow.
function resumeAt(memo, inputs, notes, drawn) {
  let k = 0;
  while (k < inputs.length && k < memo.inputs.length && sameInput(inputs[k], memo.inputs[k])) k++;
  let changedY = Infinity;
  if (k < inputs.length) changedY = inputs[k].y1;
  if (k < memo.inputs.length) changedY = Math.min(changedY, memo.inputs[k].y1);
  const byY = notes.map((n) => ({ y: n.note.y, text: n.text, x: n.x })).sort((p, q) => p.y - q.y);
  const old = [...memo.notes].sort((p, q) => p.y - q.y);
  for (let i = 0; i < Math.max(byY.length, old.length); i++) {
    const p = byY[i];
    const q = old[i];
    if (p && q && p.y === q.y && p.text === q.text && p.x === q.x) continue;
    changedY = Math.min(changedY, p?.y ?? Infinity, q?.y ?? Infinity);
    break;
  }
  let from = k;
  while (from > 0) {
    const departs = from < drawn.length ? drawn[from].y1 : changedY;
    const shift = frozenShift(memo, from, changedY);
    if (memo.reach[from - 1] < departs && memo.boxBottom[from - 1] < changedY + shift - CLEAR) break;
    from--;
  }
  return from;
}

// frozenShift is the stretch above y made by the arrows before from.
function frozenShift(memo, from, y) {
  let s = 0;
  for (let i = 0; i < memo.cutY.length && memo.cutY[i] <= y; i++) if (memo.cutBy[i] < from) s += memo.cutS[i];
  return s;
}

// wrapped is a label's lines in room characters, and its width.
function wrapped(words, sub, room, m) {
  const lines = wrapLabel(words, room);
  const subLines = sub ? wrapLabel(splitWords(sub, 'sub'), room) : [];
  const chars = Math.max(...lines.concat(subLines).map((l) => l.reduce((n, w) => n + columns(w.text), 0)));
  return { lines, sub: subLines, width: chars * m.labelChar };
}

// drawnEnds is where a's drawn shaft starts and ends once at has moved
// its ends: a lost packet's stops 55 % of the way, as segment draws it on
// the moved diagram (a stretch between its drop and its arrival makes it
// steeper).
function drawnEnds(a, at) {
  const y1 = at(a.y1);
  const y2 = at(a.y2);
  return { y1, y2: a.status === 'dropped' && !a.dropAtReceiver ? y1 + (y2 - y1) * 0.55 : y2 };
}

// labelBox is where label sits at fraction t along seg: its centre point
// and angle, and its corners (the lines above the arrow, sub below).
function labelBox(a, seg, label, t, at, m) {
  const { y1, y2 } = drawnEnds(a, at);
  const x = seg.x1 + (seg.x2 - seg.x1) * t;
  const y = y1 + (y2 - y1) * t;
  let angle = Math.atan2(y2 - y1, seg.x2 - seg.x1);
  if (Math.abs(angle) > Math.PI / 2) angle -= Math.PI * Math.sign(angle);
  const top = -(5 + 10 + (label.lines.length - 1) * m.line);
  const bottom = label.sub.length ? 12 + 3 + (label.sub.length - 1) * m.line : 1;
  const hw = label.width / 2 + 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const poly = [[-hw, top], [hw, top], [hw, bottom], [-hw, bottom]].map(([u, v]) => [x + u * cos - v * sin, y + u * sin + v * cos]);
  return { poly, at: { x, y, angle: (angle * 180) / Math.PI } };
}

function inside(poly, width) {
  return poly.every(([x]) => x >= 0 && x <= width);
}

// clashes says whether poly lies on one of the obstacles or a note.
function clashes(poly, obstacles, noteNear) {
  const p = bounded(poly);
  for (const o of obstacles) if (overlaps(p, o)) return true;
  for (const r of noteNear(p.top, p.bottom)) if (overlaps(p, bounded(r))) return true;
  return false;
}

// bounded is a polygon with its bounding box, for a quick first test.
function bounded(poly) {
  let left = Infinity; let right = -Infinity; let top = Infinity; let bottom = -Infinity;
  for (const [x, y] of poly) {
    left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
  }
  return Object.assign(poly, { left, right, top, bottom });
}

// overlaps is the separating-axis test of two convex polygons. A
// parallelogram's opposite sides are parallel: two of its sides give all
// its axes.
export function overlaps(p, q) {
  if (p.left !== undefined && q.left !== undefined && (p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top)) return false;
  return !separated(p, p, q) && !separated(q, p, q);
}

// separated says whether an axis square to one of poly's sides keeps p
// and q apart.
function separated(poly, p, q) {
  const sides = poly.length === 4 ? 2 : poly.length;
  for (let i = 0; i < sides; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const nx = a[1] - b[1];
    const ny = b[0] - a[0];
    let pMin = Infinity; let pMax = -Infinity; let qMin = Infinity; let qMax = -Infinity;
    for (let k = 0; k < p.length; k++) { const d = p[k][0] * nx + p[k][1] * ny; if (d < pMin) pMin = d; if (d > pMax) pMax = d; }
    for (let k = 0; k < q.length; k++) { const d = q[k][0] * nx + q[k][1] * ny; if (d < qMin) qMin = d; if (d > qMax) qMax = d; }
    if (pMax <= qMin || qMax <= pMin) return true;
  }
  return false;
}

// fitNotes places each note beside its lane, on the outer side, with the
// text that fits the room there.
function fitNotes(model, xs, width, m) {
  const out = [];
  for (const n of model.notes) {
    const x = xs.get(n.host);
    if (x === undefined) continue;
    const left = x < width / 2;
    const room = Math.floor(((left ? x : width - x) - m.notePad - m.edge) / m.noteChar);
    out.push({ note: n, x: left ? x - m.notePad : x + m.notePad, anchor: left ? 'end' : 'start', text: fitNote(n, room) });
  }
  return out;
}

// fitNote is a note's text in room characters: whole, a state by its ss
// name, else cut with an ellipsis (read in full in the list).
export function fitNote(n, room) {
  if (columns(n.text) <= room) return n.text;
  if (n.kind === 'state' && SS_NAMES[n.text]) return SS_NAMES[n.text];
  let cut = '';
  for (const ch of n.text) {
    if (cut && columns(cut + ch) > room - 1) break;
    cut += ch;
  }
  return cut + '…';
}

function noteRect(fitted, y, m) {
  const w = columns(fitted.text) * m.noteChar;
  const x0 = fitted.anchor === 'end' ? fitted.x - w : fitted.x;
  return [[x0, y - 6], [x0 + w, y - 6], [x0 + w, y + 6], [x0, y + 6]];
}

// breakLines is where each break's dotted line is drawn: not across an
// arrow in its way (the text then goes to the side). Arrows are in
// departure order, so only those that left less than the longest arrow's
// height above a break can cross it.
function breakLines(breaks, arrows, xs, width) {
  if (!breaks.length) return [];
  const segs = arrows.map((a) => segment(a, xs));
  let tallest = 0;
  segs.forEach((s) => { if (s) tallest = Math.max(tallest, Math.abs(s.y2 - s.y1)); });
  return breaks.map((b) => {
    let lo = 0;
    let hi = arrows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arrows[mid].y1 < b.y) lo = mid + 1; else hi = mid;
    }
    let crossed = false;
    for (let i = lo - 1; i >= 0 && !crossed && arrows[i].y1 >= b.y - tallest; i--) {
      const s = segs[i];
      crossed = !!s && Math.min(s.y1, s.y2) < b.y && b.y < Math.max(s.y1, s.y2);
    }
    if (!crossed) return { y: b.y, text: b.text, pieces: [[8, width - 8]], x: width / 2, anchor: 'middle' };
    return { y: b.y, text: b.text, pieces: [], x: 6, anchor: 'start' };
  });
}
