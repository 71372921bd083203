// The event log: every trace event in order, filterable by kind.

import { h, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { t, msg, tr, currentLang } from './i18n.mjs';
import { named } from './names.mjs';

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

const LIMIT = 1500;

export class EventLog {
  constructor(root, { onPacket }) {
    this.root = root;
    this.onPacket = onPacket;
    this.filter = 'all';
    this.events = [];
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
      h('div', { class: 'log-scroll' }, h('table', { class: 'events' },
        h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', text: tr(c) })))),
        this.body)));
  }

  render(events) {
    if (this.lang !== currentLang()) this.draw();
    this.events = events;
    const keep = FILTERS[this.filter];
    const shown = (keep ? events.filter((e) => keep.has(e.kind)) : events);
    const tail = shown.slice(-LIMIT);
    this.count.textContent = shown.length > LIMIT
      ? t('eventlog.count.some', ' {n} events, the last {limit} shown', { n: shown.length, limit: LIMIT })
      : t('eventlog.count', ' {n, plural, one {# event} other {# events}}', { n: shown.length });
    replace(this.body, tail.map((e) => h('tr', { class: `ev ev-${e.kind}` },
      h('td', { text: e.index }),
      h('td', { class: 'num', text: formatTime(e.time) }),
      h('td', { text: e.line || '' }),
      h('td', {}, h('span', { class: `kind k-${e.kind}`, text: e.kind })),
      h('td', { text: e.host || (e.from && e.to && e.packet ? `${e.from}→${e.to}` : '') }),
      h('td', {}, e.packet ? h('button', { type: 'button', class: 'link', text: `#${e.packet}`, onclick: () => this.onPacket(e.packet), 'aria-label': t('eventlog.inspect', 'inspect packet {id}', { id: e.packet }) }) : null,
        e.packet ? ' ' : '', describe(e)))));
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
