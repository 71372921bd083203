// The event log: every trace event in order, filterable by kind.

import { h, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { t, msg, tr, currentLang } from './i18n.mjs';
import { named } from './names.mjs';
import { safeNodes } from './safetext.mjs';

const FILTERS = {
  all: null,
  packets: new Set(['send', 'deliver', 'drop', 'dup', 'delay', 'corrupt']),
  states: new Set(['state']),
  calls: new Set(['call', 'blocked', 'result']),
  timers: new Set(['timer', 'fire']),
  notes: new Set(['note', 'command']),
};
// The filters' names; the kinds themselves are the trace's (trace.Event.kind).
const FILTER_NAMES = {
  all: msg('eventlog.filter.all', 'all'), packets: msg('eventlog.filter.packets', 'packets'),
  states: msg('eventlog.filter.states', 'states'), calls: msg('eventlog.filter.calls', 'calls'),
  timers: msg('eventlog.filter.timers', 'timers'), notes: msg('eventlog.filter.notes', 'notes'),
};
const COLUMNS = [msg('eventlog.col.index', '#'), msg('eventlog.col.time', 'time'), msg('eventlog.col.line', 'line'),
  msg('eventlog.col.kind', 'kind'), msg('eventlog.col.host', 'host'), msg('eventlog.col.what', 'what')];

// A log of more events than this draws only the rows in view and a few
// screens either side, and the others as it scrolls there.
const DRAWN_WHOLE = 600;
const AROUND = 60; // rows drawn above and below the view

export class EventLog {
  constructor(root, { onPacket }) {
    this.root = root;
    this.onPacket = onPacket;
    this.filter = 'all';
    this.events = [];
    this.shown = [];
    this.rowHeight = 0; // measured once rows are drawn
    this.from = 0; // the rows drawn: from ... to
    this.to = 0;
    this.draw();
  }

  // draw builds the panel's frame in the page's language (again after a
  // language switch), keeping the chosen filter.
  draw() {
    this.lang = currentLang();
    this.select = h('select', { 'aria-label': t('eventlog.filter.label', 'Show events of kind'), onchange: () => { this.filter = this.select.value; this.render(this.events); } },
      Object.keys(FILTERS).map((k) => h('option', { value: k, text: tr(FILTER_NAMES[k]) })));
    this.select.value = this.filter;
    this.count = h('span', { class: 'muted' });
    this.body = h('tbody');
    replace(this.root,
      h('div', { class: 'panel-bar' }, h('label', { class: 'inline' }, t('eventlog.show', 'show '), this.select), this.count),
      this.scroller = h('div', { class: 'log-scroll' }, h('table', { class: 'events' },
        h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', text: tr(c) })))),
        this.body)));
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
    if (this.lang !== currentLang()) this.draw();
    this.events = events;
    const keep = FILTERS[this.filter];
    this.shown = keep ? events.filter((e) => keep.has(e.kind)) : events;
    this.count.textContent = t('eventlog.count', ' {n, plural, one {# event} other {# events}}', { n: this.shown.length });
    this.drawRows();
  }

  // follow draws the rows now in view when the view nears the edge of
  // those drawn.
  follow() {
    const [from, to] = this.window();
    if (from < this.from || to > this.to) this.drawRows();
  }

  // window is the rows in view, by index in shown.
  window() {
    const n = this.shown.length;
    if (n <= DRAWN_WHOLE || !this.rowHeight) return [0, Math.min(n, DRAWN_WHOLE)];
    const first = Math.floor(this.scroller.scrollTop / this.rowHeight);
    const rows = Math.ceil(this.scroller.clientHeight / this.rowHeight);
    return [Math.max(0, Math.min(first, n - rows)), Math.min(n, first + rows)];
  }

  drawRows() {
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
        if (n > DRAWN_WHOLE) this.drawRows();
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
      h('td', {}, e.packet ? h('button', { type: 'button', class: 'link', text: `#${e.packet}`, onclick: () => this.onPacket(e.packet), 'aria-label': t('eventlog.inspect', 'inspect packet {id}', { id: e.packet }) }) : null,
        e.packet ? ' ' : '', safeNodes(describe(e)))); // a label can quote the payload
  }
}

// describe: the engine's own words (its text) stay English; states keep
// their names, with the local name beside the new one.
function describe(e) {
  const why = e.text ? `: ${e.text}` : '';
  if (e.kind === 'state') return `${e.from} → ${named(e.to)}${e.fd ? ` (fd ${e.fd})` : ''}${why}`;
  if (e.kind === 'timer') return t('eventlog.timer-set', '{timer} timer set for {at}', { timer: e.timer, at: formatTime(e.at) }) + why;
  if (e.kind === 'fire') return t('eventlog.timer-fired', '{timer} timer fired', { timer: e.timer }) + why;
  return [e.text, e.label ? `(${e.label})` : ''].filter(Boolean).join(' ');
}
