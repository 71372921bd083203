// One run cell's output, drawn with the playground's renderers: its lines
// as the consoles show them (errors with their column and hint), the
// ladder of the packets it sent (clickable into the packet inspector).
// The notebook page and the exercises page both draw cells with it.

import { h, replace } from '../dom.mjs';
import { renderEntry, renderLate } from '../transcript.mjs';
import { buildLadder } from '../ladder-model.mjs';
import { renderLadder } from '../ladder.mjs';
import { decodePacket } from '../packet.mjs';
import { base64ToBytes } from '../format.mjs';

const HOSTS = ['client', 'server']; // first, then any host a cell adds

// cellOutputs are more outputs a cell asks for by attributes of its fence
// (graph=cwnd: js/analysis/notebook-graph.mjs). Each is called as
// (cellRun, attrs, {session, inspect}) and returns an element or null;
// session() brings the engine's session to the end of the cell and returns
// the engine, inspect(packetId) opens a packet in the cell's inspector.
export const cellOutputs = [];

// figureSVG maps an element a cellOutputs hook returned to a function
// giving its picture as an SVG file (idPrefix keeps its ids unique in a
// page holding many): the exports carry it beside the cell's ladder.
export const figureSVG = new WeakMap();

// lanesOf: the ladder's lanes for a cell's events: client and server, then
// the other hosts those events involve, in the order the session added them.
function lanesOf(events, state) {
  const seen = new Set(events.flatMap((e) => (e.kind === 'send' ? [e.from, e.to] : [])));
  const others = (state?.hosts ?? []).map((x) => x.name).filter((n) => !HOSTS.includes(n) && seen.has(n));
  return HOSTS.concat(others);
}

// asTyped is a cell's line as the consoles show one: a cell's line is
// typed whole ("server> listen(s, 5)") and its error's column counts from
// the line's start, a console's from the statement after the prompt. An
// error in the prompt itself (an unknown host) gets no caret. typed is the
// line as the cell has it: a session command's input ("help listen")
// leaves out the host it was typed for.
function asTyped(o, typed = '') {
  const m = /^\s*([A-Za-z][\w-]*)>\s?/.exec(o.input ?? '');
  if (!m) return { output: o, prompt: `${o.host || /^\s*([A-Za-z][\w-]*)>/.exec(typed)?.[1] || 'net'}>` };
  const error = o.error && { ...o.error, col: Math.max(o.error.col - m[0].length, 0) };
  return { output: { ...o, error }, prompt: `${m[1]}>` };
}

// cellEvents: every trace event the cell's lines caused.
export function cellEvents(cellRun) {
  return cellRun.outputs.flatMap((o) => o.events ?? []);
}

// advanceNumbering feeds numbering (a SeqNumbering) the TCP packets the
// cell sent, so that the next cell's ladder numbers on from them.
export function advanceNumbering(numbering, cellRun) {
  for (const e of cellEvents(cellRun)) {
    if (e.kind !== 'send') continue;
    const p = decodePacket(base64ToBytes(e.bytes));
    if (p?.proto === 'tcp') numbering.relative(p);
  }
}

// renderCellRun fills out with cellRun ({id, outputs, state}, a Run cell
// of the notebook engine) of the cell whose text was source (optional).
// numbering is the relative numbering reached by the cells before (a
// SeqNumbering; not changed); inspect(root, events, packetId) fills root
// with the packet's inspector; attrs (the fence's) and session are for
// cellOutputs. It returns pick(packetId), which selects that packet in the
// cell's ladder and opens it in the inspector.
export function renderCellRun(out, cellRun, { numbering, inspect, source = '', attrs = [], session = null }) {
  const typed = source.split('\n').filter((l) => l.trim() !== ''); // one per output
  const transcript = h('div', { class: 'nb-transcript scrollback' }, cellRun.outputs.map((o, i) => {
    const { output, prompt } = asTyped(o, typed[i]);
    const entry = renderEntry(output, { prompt });
    for (const late of o.late ?? []) entry.append(renderLate(late));
    return entry;
  }));
  const events = cellEvents(cellRun);
  const extras = (pick) => cellOutputs.map((add) => add(cellRun, attrs, { session, inspect: pick }));
  if (!events.some((e) => e.kind === 'send')) {
    const inspector = h('div', { class: 'nb-inspector', hidden: true });
    const show = (pid) => { inspector.hidden = false; inspect(inspector, events, pid); };
    replace(out, transcript, extras(show), inspector);
    ladderRedraws.delete(out);
    return show;
  }
  const ladder = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  ladder.setAttribute('class', 'nb-ladder');
  const inspector = h('div', { class: 'nb-inspector', hidden: true });
  const pick = (pid) => {
    draw(pid);
    inspector.hidden = false;
    inspect(inspector, events, pid);
  };
  let drawn = { width: 0, selected: null };
  const draw = (selected) => {
    const width = Math.max(out.clientWidth || 600, 320);
    drawn = { width, selected };
    const model = buildLadder(events, cellRun.state, { hosts: lanesOf(events, cellRun.state), numbering, width });
    renderLadder(ladder, model, {
      width, selected, idPrefix: `${cellRun.id}-`, onPick: pick, onFlight: pick,
    });
  };
  replace(out, transcript, h('div', { class: 'nb-ladder-box' }, ladder), extras(pick), inspector);
  draw(null);
  ladderRedraws.set(out, () => {
    if (Math.max(out.clientWidth || 600, 320) !== drawn.width) draw(drawn.selected);
  });
  followWindowWidth();
  return pick;
}

// ladderRedraws maps a cell's output element to the redraw of its ladder
// at the width the element has now: when the window is resized (a phone
// turned, a window made narrower) each ladder is drawn again to fit, its
// selected packet kept. An output no longer in the page is let go.
const ladderRedraws = new Map();
let following = false;
function followWindowWidth() {
  if (following) return;
  following = true;
  addEventListener('resize', () => {
    for (const [out, redraw] of ladderRedraws) {
      if (out.isConnected) redraw();
      else ladderRedraws.delete(out);
    }
  }, { passive: true });
}
