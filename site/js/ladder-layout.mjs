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

// wrapLabel cuts an arrow's words ([{text, cls}], each ending in its
// space) into lines of at most room characters; a word longer than a
// line gets a line of its own.
export function wrapLabel(words, room) {
  const lines = [];
  let line = [];
  let used = 0;
  for (const w of words) {
    const n = w.text.trimEnd().length;
    if (line.length && used + n > room) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(w);
    used += w.text.length;
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
const STRETCHES = [0, 6, 12, 24, 48, 96]; // tried in turn, in pixels
const LOOK_BACK = 24; // earlier labels an arrow's label is checked against
const REPLACE_ROUNDS = 4;

// layoutLadder lays model (ladder-model.mjs) out in width pixels. It moves
// the model's y coordinates down where it stretches, and returns the lanes'
// x, each arrow's label ({lines, x, y, angle}), each note's place and text
// and each break's line pieces.
export function layoutLadder(model, width, tagsOf = () => [], m = METRICS) {
  const xs = laneX(model.lanes, width, m);
  const notes = fitNotes(model, xs, width, m);
  const cuts = []; // [y, total stretch below y], y ascending
  const shiftAt = (y) => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid][0] <= y) lo = mid + 1; else hi = mid;
    }
    return lo ? cuts[lo - 1][1] : 0;
  };
  let trial = null; // a stretch being tried: [y, px]
  const at = (y) => y + shiftAt(y) + (trial && y >= trial[0] ? trial[1] : 0);

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

  const labels = new Map();
  const dots = model.arrows.filter((a) => a.status === 'inflight');
  const drawn = model.arrows.filter((a) => segment(a, xs));
  // choose finds a's label the first free place among its variants and
  // places along it, trying stretches up to most; others are the labels
  // it must keep clear of.
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
    for (const b of others) {
      const label = labels.get(b.id);
      if (label) out.push(bounded(labelBox(b, segment(b, xs), label, label.t, at, m).poly));
    }
    for (const d of dots) {
      const seg = d === a ? null : segment(d, xs);
      if (!seg) continue;
      const cx = seg.x1 + (seg.x2 - seg.x1) * d.progress;
      const cy = at(d.y1) + (at(d.y2) - at(d.y1)) * d.progress;
      out.push(bounded([[cx - 11, cy - 11], [cx + 11, cy - 11], [cx + 11, cy + 11], [cx - 11, cy + 11]]));
    }
    return out;
  };

  const variantsOf = new Map();
  drawn.forEach((a, i) => {
    const seg = segment(a, xs);
    const words = labelWords(a, tagsOf(a));
    const length = Math.hypot(seg.x2 - seg.x1, seg.y2 - seg.y1);
    const room = Math.max(Math.floor((length - 24) / m.labelChar), 12);
    // The label as wide as the arrow allows, else in narrower lines (two
    // crossing arrows' labels then fit side by side).
    const variants = [room, Math.max(Math.floor(room / 2), 10), Math.max(Math.floor(room / 3), 8)].map((r) => wrapped(words, a.sub, r, m));
    variantsOf.set(a, variants);
    const best = choose(a, variants, drawn.slice(Math.max(0, i - LOOK_BACK), i), STRETCHES.at(-1));
    if (best.s && best.free) cuts.push([a.y1, shiftAt(a.y1) + best.s]);
    labels.set(a.id, { ...best.label, t: best.t });
  });

  // Every y moves by the stretch above it.
  const stretch = () => {
    const move = (y) => y + shiftAt(y);
    for (const a of model.arrows) {
      a.y1 = move(a.y1);
      a.y2 = move(a.y2);
    }
    for (const n of model.notes) n.y = move(n.y);
    for (const b of model.breaks) b.y = move(b.y);
    model.height = move(model.height - 1) + 1;
    model.nowY = move(model.nowY);
    cuts.length = 0;
    for (const b of noteBoxes) b.y0 = b.n.note.y;
  };
  stretch();

  // A stretch below an arrow's departure makes it steeper and moves its
  // label: a label that now lies on a neighbour's is placed again. Placing
  // one again can stretch the diagram under another, so this repeats
  // until nothing moves (a few rounds at most).
  for (let round = 0; round < REPLACE_ROUNDS; round++) {
    let moved = false;
    drawn.forEach((a, i) => {
      const near = drawn.slice(Math.max(0, i - LOOK_BACK), i + LOOK_BACK + 1).filter((b) => b !== a);
      const label = labels.get(a.id);
      if (!clashes(labelBox(a, segment(a, xs), label, label.t, at, m).poly, obstaclesFor(a, near), noteNear)) return;
      const best = choose(a, variantsOf.get(a), near, STRETCHES.at(-1));
      if (!best.free) return;
      if (best.s) cuts.push([a.y1, shiftAt(a.y1) + best.s]);
      labels.set(a.id, { ...best.label, t: best.t });
      moved = true;
    });
    stretch();
    if (!moved) break;
  }
  for (const a of drawn) {
    const label = labels.get(a.id);
    Object.assign(label, labelBox(a, segment(a, xs), label, label.t, at, m).at);
  }
  const breaks = model.breaks.map((b) => breakPieces(b, model.arrows, xs, width));
  return { xs, labels, notes, breaks };
}

// wrapped is a label's lines in room characters, and its width.
function wrapped(words, sub, room, m) {
  const lines = wrapLabel(words, room);
  const subLines = sub ? wrapLabel(splitWords(sub, 'sub'), room) : [];
  const chars = Math.max(...lines.concat(subLines).map((l) => l.reduce((n, w) => n + w.text.length, 0)));
  return { lines, sub: subLines, width: chars * m.labelChar };
}

// labelBox is where label sits at fraction t along seg: its centre point
// and angle, and its corners (the lines above the arrow, sub below).
function labelBox(a, seg, label, t, at, m) {
  const y1 = at(seg.y1);
  const y2 = at(a.status === 'dropped' && !a.dropAtReceiver ? a.y1 + (a.y2 - a.y1) * 0.55 : seg.y2);
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

// overlaps is the separating-axis test of two convex polygons.
export function overlaps(p, q) {
  if (p.left !== undefined && q.left !== undefined && (p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top)) return false;
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % poly.length];
      const nx = y1 - y2;
      const ny = x2 - x1;
      let pMin = Infinity; let pMax = -Infinity; let qMin = Infinity; let qMax = -Infinity;
      for (const [x, y] of p) { const d = x * nx + y * ny; pMin = Math.min(pMin, d); pMax = Math.max(pMax, d); }
      for (const [x, y] of q) { const d = x * nx + y * ny; qMin = Math.min(qMin, d); qMax = Math.max(qMax, d); }
      if (pMax <= qMin || qMax <= pMin) return false;
    }
  }
  return true;
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
  if (n.text.length <= room) return n.text;
  if (n.kind === 'state' && SS_NAMES[n.text]) return SS_NAMES[n.text];
  return n.text.slice(0, Math.max(room - 1, 1)) + '…';
}

function noteRect(fitted, y, m) {
  const w = fitted.text.length * m.noteChar;
  const x0 = fitted.anchor === 'end' ? fitted.x - w : fitted.x;
  return [[x0, y - 6], [x0 + w, y - 6], [x0 + w, y + 6], [x0, y + 6]];
}

// breakPieces is where a break's dotted line is drawn: not across an arrow
// in its way (the text then goes to the side).
function breakPieces(b, arrows, xs, width) {
  const crossing = [];
  for (const a of arrows) {
    const seg = segment(a, xs);
    if (!seg || !(Math.min(seg.y1, seg.y2) < b.y && b.y < Math.max(seg.y1, seg.y2))) continue;
    crossing.push(seg.x1 + ((seg.x2 - seg.x1) * (b.y - seg.y1)) / (seg.y2 - seg.y1));
  }
  if (!crossing.length) return { y: b.y, text: b.text, pieces: [[8, width - 8]], x: width / 2, anchor: 'middle' };
  return { y: b.y, text: b.text, pieces: [], x: 6, anchor: 'start' };
}
