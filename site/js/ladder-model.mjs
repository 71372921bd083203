// The ladder (sequence) diagram as pure geometry: where each packet's arrow
// starts and ends, what it says, and where host notes go. Rendering is
// ladder.mjs; this module is testable without a DOM.

import { decodePacket, arrowLabel, SeqNumbering } from './packet.mjs';
import { base64ToBytes, formatDuration } from './format.mjs';
import { isRetransmission, causeTag } from './causes.mjs';
import { labelLines } from './ladder-layout.mjs';
import { safeString } from './safetext.mjs';

export const GEOMETRY = {
  top: 40,          // y of time zero
  sameTime: 8,      // between rows at the same instant
  minSendGap: 30,   // between two departures, room for a two-line label
  lineGap: 14,      // per line of labels between two departures
  labelPad: 8,
  pxPerMs: 4.5,
  baseGap: 14,
  maxGap: 140,      // longer silences are drawn as a break
  flightMin: 50,    // in-flight arrows reach at least this far below now
  noteGap: 13,      // notes beside one lane never overlap
  bottom: 40,
};

// gapFor is the vertical distance for a time step of delta nanoseconds and
// whether it is compressed (drawn with a break mark).
export function gapFor(delta, g = GEOMETRY) {
  if (delta <= 0) return { gap: g.sameTime, cut: false };
  const px = g.baseGap + (delta / 1e6) * g.pxPerMs;
  return px > g.maxGap ? { gap: g.maxGap, cut: true } : { gap: px, cut: false };
}

// Notes drawn beside the lanes: what changes the story of the packets.
// Routine bookkeeping stays in the event log.
const NOTEWORTHY = /retransmi|probe|zero|challenge|RST|PAWS|duplicate ACK/i;
const ROUTINE = /cancelled|RTT sample|fast recovery done/i;

const ROW_KINDS = new Set(['send', 'deliver', 'drop', 'dup', 'state', 'fire', 'note', 'corrupt', 'delay', 'blocked', 'result']);

// arrowTags are the words after an arrow's label: why the engine sent it,
// and what happened to it on the way.
export function arrowTags(a) {
  return [causeTag(a.cause), a.copy ? 'duplicate' : '', ...a.marks].filter(Boolean);
}

// decoded is a send event's packet, decoded once per event (the page
// keeps the trace's events and draws the ladder again after every line).
const packets = new WeakMap();
const lineCounts = new WeakMap(); // send event → the lines its arrow's label took (buildLadder's lineRoom)
function decoded(e) {
  if (!packets.has(e)) packets.set(e, decodePacket(base64ToBytes(e.bytes)));
  return packets.get(e);
}

// buildLadder lays out events (the whole trace, in order) and the state's
// packets in flight. Hosts are lanes in the given order. numbering, when
// the events are not the whole trace (a notebook cell's), holds the
// relative numbering reached by the packets before them (it is not changed).
// width, the diagram's width in pixels, spaces departures so that labels
// wrapped to it have room (ladder-layout.mjs places them). marks maps
// packet ids to expert tags to add to their arrows (analysis/tags.mjs).
export function buildLadder(events, state, { absolute = false, hosts, numbering: before, width = 900, marks: expert = null } = {}, g = GEOMETRY) {
  const lanes = hosts ?? (state?.hosts ?? []).map((h) => h.name);
  const numbering = before ? before.clone() : new SeqNumbering();
  const arrows = new Map(); // packet id → arrow
  const notes = [];
  const breaks = [];
  let y = g.top;
  let lastTime = null;
  let lastSendY = -Infinity;
  let lastLines = { above: 1, below: 0 };
  const lanesKey = lanes.join(' ');
  // lineRoom is how many lines a's label takes, kept with the event that
  // sent it while its words and the width stay the same.
  const lineRoom = (a, e) => {
    const tags = arrowTags(a);
    const key = `${width} ${lanesKey}\n${a.label}\n${a.sub}\n${tags.join('\n')}`;
    const kept = lineCounts.get(e);
    if (kept?.key === key) return kept.lines;
    const counted = labelLines(a, tags, lanes, width);
    lineCounts.set(e, { key, lines: counted });
    return counted;
  };

  // note adds a note beside e's host; title is its full text (event is
  // the trace index, which the "what happened and why" list links by).
  // A result can quote what a peer sent: its controls are shown as marks.
  const note = (e, y, kind, text, title) => {
    const n = { host: e.host, y, kind, text: safeString(text), title: safeString(title), event: e.index, time: e.time };
    notes.push(n);
    return n;
  };

  // rowFor is the y of e's row; a departure (send, dup) with lines of
  // label leaves room for them below the previous departure's.
  const rowFor = (e, lines) => {
    if (lastTime !== null) {
      const { gap, cut } = gapFor(e.time - lastTime, g);
      if (cut) breaks.push({ y: y + gap / 2, text: `${formatDuration(e.time - lastTime)} later` });
      y += gap;
    }
    if (lines) {
      y = Math.max(y, lastSendY + Math.max(g.minSendGap, g.lineGap * (lastLines.below + lines.above) + g.labelPad));
      lastSendY = y;
      lastLines = lines;
    }
    lastTime = e.time;
    return y;
  };

  for (const e of events) {
    if (!ROW_KINDS.has(e.kind)) continue;
    if ((e.kind === 'blocked' || e.kind === 'result') && !e.host) continue;
    if ((e.kind === 'send' || e.kind === 'dup') && !arrows.has(e.packet)) {
      const p = decoded(e);
      const numbers = p?.proto === 'tcp' ? numbering.relative(p) : null;
      const shown = absolute && p?.proto === 'tcp' ? { ...numbers, seq: p.seq, ack: p.ack, sack: p.sack } : numbers;
      const a = {
        id: e.packet, from: e.from, to: e.to, y1: 0, y2: null, t1: e.time, t2: null,
        status: 'lost', label: p ? arrowLabel(p, shown) : 'packet', sub: safeString(e.label), // the engine's label quotes the payload: HTTP's reason phrase may hold U+202E
        copy: e.kind === 'dup', marks: [...(expert?.get(e.packet) ?? [])], text: e.text ?? '',
        cause: e.cause ?? '', retransmit: isRetransmission(e.cause), // the engine's word, never a guess
      };
      a.y1 = rowFor(e, lineRoom(a, e));
      arrows.set(e.packet, a);
      continue;
    }
    const at = rowFor(e);
    switch (e.kind) {
      case 'send':
      case 'dup': {
        if (e.kind === 'dup') arrows.get(e.packet).marks.push('duplicated');
        break;
      }
      case 'deliver': {
        const a = arrows.get(e.packet);
        if (a) Object.assign(a, { y2: at, t2: e.time, status: 'delivered' });
        break;
      }
      case 'drop': {
        const a = arrows.get(e.packet);
        if (a) {
          const atReceiver = e.host && e.host === a.to;
          Object.assign(a, { y2: Math.max(at, a.y1 + g.minSendGap), t2: e.time, status: 'dropped', dropAtReceiver: !!atReceiver, why: e.text ?? '' });
        }
        break;
      }
      case 'delay':
      case 'corrupt': {
        const a = arrows.get(e.packet);
        if (a) a.marks.push(e.kind === 'delay' ? 'delayed' : 'corrupted');
        break;
      }
      case 'state':
        note(e, at, 'state', shorten(e.to, 17), `${e.from} → ${e.to}${e.text ? ': ' + e.text : ''}`).fd = e.fd;
        break;
      case 'fire':
        note(e, at, 'timer', `${e.timer || 'timer'} timer`, e.text || `${e.timer} timer fired`);
        break;
      case 'note':
        if (e.host && NOTEWORTHY.test(e.text ?? '') && !ROUTINE.test(e.text)) {
          // The engine says a note's sequence numbers both ways (relative).
          const text = (!absolute && e.relative) || e.text;
          note(e, at, 'note', shorten(text, 17), text);
        }
        break;
      case 'blocked':
        note(e, at, 'blocked', 'blocks', e.text);
        break;
      case 'result':
        note(e, at, e.errno ? 'error' : 'result', '↳ ' + shorten(resultText(e.text), 16), e.text);
        break;
    }
  }

  // Now, and the packets still on the wire.
  const now = state?.now ?? lastTime ?? 0;
  let nowY = y;
  if (lastTime !== null) {
    const { gap, cut } = gapFor(now - lastTime, g);
    if (now > lastTime) {
      if (cut) breaks.push({ y: y + gap / 2, text: `${formatDuration(now - lastTime)} later` });
      nowY = y + gap;
    } else {
      nowY = y + g.sameTime;
    }
  }
  for (const f of state?.inflight ?? []) {
    let a = arrows.get(f.id);
    if (!a) {
      a = { id: f.id, from: f.from, to: f.to, y1: nowY, t1: f.sentAt, label: f.summary, sub: safeString(f.label), marks: [], text: f.summary };
      arrows.set(f.id, a);
    }
    const ahead = Math.max(gapFor(f.arriveAt - now, g).gap, g.flightMin);
    const span = Math.max(f.arriveAt - a.t1, 1);
    Object.assign(a, {
      status: 'inflight', t2: f.arriveAt, y2: nowY + ahead,
      progress: Math.min(Math.max((now - a.t1) / span, 0), 1),
    });
  }
  let bottom = nowY;
  for (const a of arrows.values()) {
    if (a.y2 === null) a.y2 = a.y1 + g.minSendGap; // never arrived: lost without a trace
    bottom = Math.max(bottom, a.y2);
  }
  spreadNotes(notes, g.noteGap);
  for (const n of notes) bottom = Math.max(bottom, n.y);
  placeLabels([...arrows.values()]);
  return { lanes, arrows: [...arrows.values()], notes, breaks, nowY, now, height: bottom + g.bottom };
}

// spreadNotes moves notes down so that two beside the same lane are at
// least gap apart; their order is kept.
function spreadNotes(notes, gap) {
  const last = new Map();
  for (const n of notes) {
    const prev = last.get(n.host);
    if (prev !== undefined && n.y < prev + gap) n.y = prev + gap;
    last.set(n.host, n.y);
  }
}

// placeLabels sets where along its arrow each label sits: the middle, or
// nearer the sender when an arrow the other way crosses it (a simultaneous
// close), so the two labels stay apart. Arrows are in sending order, so
// only near neighbours can cross.
function placeLabels(arrows) {
  arrows.forEach((a, i) => {
    a.labelAt = 0.5;
    for (let j = Math.max(0, i - 8); j < Math.min(arrows.length, i + 9); j++) {
      const b = arrows[j];
      if (j !== i && b.from === a.to && b.to === a.from && b.y1 < a.y2 && a.y1 < b.y2) a.labelAt = 0.3;
    }
  });
}

// resultText shortens "connect returned 0" to "connect = 0".
function resultText(text = '') {
  const m = /^(?:[A-Za-z][\w-]*>\s*)?([\w.]+) returned (\S+)/.exec(text);
  return m ? `${m[1]} = ${m[2]}` : stripHost(text);
}

function stripHost(text = '') {
  return text.replace(/^\s*[A-Za-z][\w-]*>\s*/, '');
}

function shorten(text = '', n = 28) {
  return text.length > n ? text.slice(0, n - 1) + '…' : text;
}
