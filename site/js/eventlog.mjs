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

const LIMIT = 1500;

export class EventLog {
  constructor(root, { onPacket }) {
    this.root = root;
    this.onPacket = onPacket;
    this.filter = 'all';
    this.select = h('select', { 'aria-label': 'Show events of kind', onchange: () => { this.filter = this.select.value; this.render(this.events); } },
      Object.keys(FILTERS).map((k) => h('option', { value: k, text: k })));
    this.count = h('span', { class: 'muted' });
    this.body = h('tbody');
    replace(root,
      h('div', { class: 'panel-bar' }, h('label', { class: 'inline' }, 'show ', this.select), this.count),
      h('div', { class: 'log-scroll' }, h('table', { class: 'events' },
        h('thead', {}, h('tr', {}, ['#', 'time', 'line', 'kind', 'host', 'what'].map((c) => h('th', { scope: 'col', text: c })))),
        this.body)));
    this.events = [];
  }

  render(events) {
    this.events = events;
    const keep = FILTERS[this.filter];
    const shown = (keep ? events.filter((e) => keep.has(e.kind)) : events);
    const tail = shown.slice(-LIMIT);
    this.count.textContent = ` ${shown.length} events${shown.length > LIMIT ? `, the last ${LIMIT} shown` : ''}`;
    replace(this.body, tail.map((e) => h('tr', { class: `ev ev-${e.kind}` },
      h('td', { text: e.index }),
      h('td', { class: 'num', text: formatTime(e.time) }),
      h('td', { text: e.line || '' }),
      h('td', {}, h('span', { class: `kind k-${e.kind}`, text: e.kind })),
      h('td', { text: e.host || (e.from && e.to && e.packet ? `${e.from}→${e.to}` : '') }),
      h('td', {}, e.packet ? h('button', { type: 'button', class: 'link', text: `#${e.packet}`, onclick: () => this.onPacket(e.packet), 'aria-label': `inspect packet ${e.packet}` }) : null,
        e.packet ? ' ' : '', describe(e)))));
  }
}

function describe(e) {
  if (e.kind === 'state') return `${e.from} → ${e.to}${e.fd ? ` (fd ${e.fd})` : ''}${e.text ? ': ' + e.text : ''}`;
  if (e.kind === 'timer') return `${e.timer} timer set for ${formatTime(e.at)}${e.text ? ': ' + e.text : ''}`;
  if (e.kind === 'fire') return `${e.timer} timer fired${e.text ? ': ' + e.text : ''}`;
  return [e.text, e.label ? `(${e.label})` : ''].filter(Boolean).join(' ');
}
