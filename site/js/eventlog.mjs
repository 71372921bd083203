// The event log: every trace event in order, filterable by kind.

import { h, replace } from './dom.mjs';
import { formatTime } from './format.mjs';

const FILTERS = {
  all: null,
  packets: new Set(['send', 'deliver', 'drop', 'dup', 'delay', 'corrupt']),
  states: new Set(['state']),
  calls: new Set(['call', 'blocked', 'result']),
  timers: new Set(['timer', 'fire']),
  notes: new Set(['note', 'command']),
};

// A log of more events than this draws only the rows in view and a few
// screens either side, and the others as it scrolls there.
const DRAWN_WHOLE = 600;
const AROUND = 60; // rows drawn above and below the view

export class EventLog {
  constructor(root, { onPacket }) {
    this.root = root;
    this.onPacket = onPacket;
    this.filter = 'all';
    this.select = h('select', { 'aria-label': 'Show events of kind', onchange: () => { this.filter = this.select.value; this.render(this.events); } },
      Object.keys(FILTERS).map((k) => h('option', { value: k, text: k })));
    this.count = h('span', { class: 'muted' });
    this.body = h('tbody');
    this.scroller = h('div', { class: 'log-scroll' }, h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ['#', 'time', 'line', 'kind', 'host', 'what'].map((c) => h('th', { scope: 'col', text: c })))),
      this.body));
    replace(root, h('div', { class: 'panel-bar' }, h('label', { class: 'inline' }, 'show ', this.select), this.count), this.scroller);
    this.events = [];
    this.shown = [];
    this.rowHeight = 0; // measured once rows are drawn
    this.from = 0; // the rows drawn: from ... to
    this.to = 0;
    let queued = false;
    this.scroller.addEventListener('scroll', () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        this.follow();
      });
    }, { passive: true });
  }

  render(events) {
    this.events = events;
    const keep = FILTERS[this.filter];
    this.shown = keep ? events.filter((e) => keep.has(e.kind)) : events;
    this.count.textContent = ` ${this.shown.length} events`;
    this.draw();
  }

  // follow draws the rows now in view when the view nears the edge of
  // those drawn.
  follow() {
    const [from, to] = this.window();
    if (from < this.from || to > this.to) this.draw();
  }

  // window is the rows in view, by index in shown.
  window() {
    const n = this.shown.length;
    if (n <= DRAWN_WHOLE || !this.rowHeight) return [0, Math.min(n, DRAWN_WHOLE)];
    const first = Math.floor(this.scroller.scrollTop / this.rowHeight);
    const rows = Math.ceil(this.scroller.clientHeight / this.rowHeight);
    return [Math.max(0, Math.min(first, n - rows)), Math.min(n, first + rows)];
  }

  draw() {
    const n = this.shown.length;
    let [from, to] = this.window();
    if (n > DRAWN_WHOLE) {
      from = Math.max(0, from - AROUND);
      to = Math.min(n, to + AROUND);
    }
    // Rows not drawn are stood in for by two blank rows of their height.
    const blank = (rows) => {
      const tr = h('tr', { class: 'ev-blank', 'aria-hidden': 'true' });
      tr.style.height = `${rows * this.rowHeight}px`;
      return rows > 0 ? tr : null;
    };
    // Rows are not all of the measured height: a view at the end stays there.
    const s = this.scroller;
    const atEnd = s.scrollTop > 0 && s.scrollTop + s.clientHeight >= s.scrollHeight - 2;
    replace(this.body, blank(from), this.shown.slice(from, to).map((e) => this.row(e)), blank(n - to));
    if (atEnd) s.scrollTop = s.scrollHeight;
    Object.assign(this, { from, to });
    if (!this.rowHeight && to > from) {
      const drawn = [...this.body.rows].filter((r) => !r.classList.contains('ev-blank'));
      const height = drawn.reduce((sum, r) => sum + r.getBoundingClientRect().height, 0) / drawn.length;
      if (height > 0) {
        this.rowHeight = height;
        if (n > DRAWN_WHOLE) this.draw();
      }
    }
  }

  row(e) {
    return h('tr', { class: `ev ev-${e.kind}` },
      h('td', { text: e.index }),
      h('td', { class: 'num', text: formatTime(e.time) }),
      h('td', { text: e.line || '' }),
      h('td', {}, h('span', { class: `kind k-${e.kind}`, text: e.kind })),
      h('td', { text: e.host || (e.from && e.to && e.packet ? `${e.from}→${e.to}` : '') }),
      h('td', {}, e.packet ? h('button', { type: 'button', class: 'link', text: `#${e.packet}`, onclick: () => this.onPacket(e.packet), 'aria-label': `inspect packet ${e.packet}` }) : null,
        e.packet ? ' ' : '', describe(e)));
  }
}

function describe(e) {
  if (e.kind === 'state') return `${e.from} → ${e.to}${e.fd ? ` (fd ${e.fd})` : ''}${e.text ? ': ' + e.text : ''}`;
  if (e.kind === 'timer') return `${e.timer} timer set for ${formatTime(e.at)}${e.text ? ': ' + e.text : ''}`;
  if (e.kind === 'fire') return `${e.timer} timer fired${e.text ? ': ' + e.text : ''}`;
  return [e.text, e.label ? `(${e.label})` : ''].filter(Boolean).join(' ');
}
