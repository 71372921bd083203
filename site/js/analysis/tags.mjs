// The engine's expert tags (expert()) where a packet is shown: on its
// ladder arrow and in the inspector.

import { h } from '../dom.mjs';
import { EXPERT } from './strings.mjs';

// Tags an arrow already tells in other words: its cause (a retransmission
// and its kind, a probe, a keep-alive, a window update, a duplicate ACK),
// its colour (lost) or its own mark (a link's copy).
const SAID = /^(retransmission|lost|link-copy|zero-window-probe$|window-probe|keep-alive$|window-update|dup ACK)/;

// ladderMarks maps packet ids to the tags worth adding to their arrows.
export function ladderMarks(expert) {
  const marks = new Map();
  for (const p of expert?.packets ?? []) {
    const extra = p.labels.filter((l) => !SAID.test(l));
    if (extra.length) marks.set(p.packet, extra);
  }
  return marks;
}

// expertLine is the inspector's line of a packet's tags, or null.
export function expertLine(expert, id) {
  const p = expert?.packets.find((x) => x.packet === id);
  if (!p) return null;
  return h('div', { class: 'insp-expert' }, h('b', { text: `${EXPERT.tagsLabel}: ` }), p.labels.join(', '));
}

// ExpertCache asks the engine for expert() once per trace: the page's
// trace is a new array, or has a new last event, whenever it changed.
export class ExpertCache {
  constructor(app) { this.app = app; this.seen = null; this.value = null; }

  get() {
    const { events } = this.app;
    const key = events.length ? events[events.length - 1] : events;
    if (key !== this.seen || !this.value) {
      this.value = this.app.engine.expert();
      this.seen = key;
    }
    return this.value;
  }
}
