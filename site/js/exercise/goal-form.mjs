// The author page's goal editor: choices that write one line of the goal
// language (core/goal/README.md), shown in an editable field so the
// teacher learns the language; each change is tried on the draft by the
// engine (exTryGoal: does the reference solution meet it, at which line,
// for every learner the check plays, and does an empty attempt meet it
// already?), and "Add this goal" writes it into the draft as a goal block.

import { h, replace } from '../dom.mjs';

const STATES = ['LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT',
  'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED'];
const TIMERS = ['retransmit', 'persist', 'delack', 'keepalive', 'time-wait'];

// packetFilters writes the filters of a packet event (direction, flags,
// fate, payload), tcpdump's way.
function packetFilters(f) {
  const parts = [];
  if (f.from !== '*' && f.to !== '*') parts.push(`${f.from} > ${f.to}`);
  else if (f.from !== '*') parts.push(`from ${f.from}`);
  else if (f.to !== '*') parts.push(`to ${f.to}`);
  if (f.flags?.trim()) parts.push(`[${f.flags.trim()}]`);
  if (f.fate && f.fate !== 'sent') parts.push(f.fate);
  if (f.payload && f.payload !== 'any') parts.push(f.payload);
  return parts;
}

const words = (...parts) => parts.flat().filter((p) => p !== '' && p !== undefined).join(' ');

// The kinds of goal: what the form asks for each, the line it writes, and
// the missing message it proposes. Events can also be asked "never" or
// "at least N times"; a state at the end cannot.
const KINDS = {
  socket: {
    label: 'a socket is in a state at the end', fields: ['host', 'port', 'state'], event: false,
    line: (f) => words('socket', f.host, f.port ? `port ${f.port}` : '', f.state),
    missing: (f) => `No socket of ${f.host} is in ${f.state}.`,
  },
  entered: {
    label: 'a connection entered a state', fields: ['host', 'state'],
    line: (f) => `entered ${f.host} ${f.state}`, missing: (f) => `${f.host} has not entered ${f.state}.`,
  },
  segment: {
    label: 'a TCP segment was sent, delivered or dropped', fields: ['from', 'to', 'flags', 'fate', 'payload'],
    line: (f) => words('segment', packetFilters(f)),
  },
  retransmit: {
    label: 'a retransmission', fields: ['retransmit', 'from', 'to'],
    line: (f) => words('retransmit', f.retransmit === 'any' ? '' : f.retransmit, packetFilters(f)),
  },
  'zero-window': {
    label: 'a zero window was advertised', fields: ['from', 'to'],
    line: (f) => words('zero-window', packetFilters(f)),
  },
  request: {
    label: 'HTTP requests on one connection', fields: ['count'], event: false,
    line: (f) => `count request per connection >= ${f.count}`,
    missing: (f) => `No connection has carried ${f.count} HTTP requests yet.`,
  },
  call: {
    label: 'a call returned or failed', fields: ['host', 'call', 'outcome'],
    line: (f) => words('call', f.host, f.call || '*',
      f.outcome === 'fails' ? ['fails', f.errno.trim()] : f.outcome === 'returns' ? ['returns', f.cmp === '==' ? '' : f.cmp, f.ret] : ''),
  },
  fired: {
    label: 'a timer expired', fields: ['host', 'timer'],
    line: (f) => `fired ${f.host} ${f.timer}`, missing: (f) => `No ${f.timer} timer of ${f.host} has expired.`,
  },
  datagram: { label: 'a UDP datagram', fields: ['from', 'to', 'fate'], line: (f) => words('datagram', packetFilters(f)) },
  icmp: { label: 'an ICMP port unreachable', fields: ['from', 'to'], line: (f) => words('icmp port-unreachable', packetFilters(f)) },
};

export class GoalForm {
  // hosts are the consoles the session typed in; author gives the draft's
  // text and takes the goal block to add.
  constructor(engine, hosts, { text, add }) {
    this.engine = engine;
    this.hosts = hosts;
    this.text = text;
    this.add = add;
    this.f = {
      kind: 'entered', how: 'happened', times: '2', host: hosts[0] ?? '*', port: '', state: 'TIME-WAIT',
      from: '*', to: '*', flags: '', fate: 'sent', payload: 'any', retransmit: 'any', count: '3',
      call: 'connect', outcome: 'fails', errno: 'ECONNREFUSED', cmp: '>', ret: '0', timer: 'retransmit',
    };
    this.fields = h('div', { class: 'au-goal-fields' });
    this.line = h('input', { id: 'au-goal-line', class: 'ex-input', spellcheck: 'false', autocomplete: 'off', 'aria-label': 'the goal line' });
    this.line.oninput = () => this.tryLine();
    this.verdict = h('p', { id: 'au-goal-verdict', class: 'au-goal-verdict', role: 'status' });
    this.id = h('input', { id: 'au-goal-id', class: 'au-goal-small', autocomplete: 'off', spellcheck: 'false' });
    this.points = h('input', { id: 'au-goal-points', class: 'au-goal-small', type: 'number', min: 1, value: 1 });
    this.missing = h('input', { id: 'au-goal-missing', class: 'ex-input', autocomplete: 'off' });
    this.hint = h('input', { id: 'au-goal-hint', class: 'ex-input', autocomplete: 'off', placeholder: 'optional' });
    this.missingEdited = false;
    this.missing.oninput = () => { this.missingEdited = true; };
    this.el = h('details', { class: 'au-goal', id: 'au-goal', ontoggle: () => this.tryLine() },
      h('summary', { text: 'Write a goal' }),
      h('p', { class: 'ex-note', text: 'Choose what the learner must make happen: the goal’s line is written below in the goal language (edit it as you like) and tried at once on the reference solution and on an empty attempt.' }),
      h('div', { class: 'au-goal-row' }, this.select('kind', Object.entries(KINDS).map(([k, v]) => [k, v.label]), 'what'),
        this.how = h('span', { class: 'au-goal-how' })),
      this.fields,
      h('label', { class: 'au-goal-linelabel', for: 'au-goal-line', text: 'Goal line' }), this.line, this.verdict,
      h('div', { class: 'au-goal-meta' },
        h('label', { for: 'au-goal-id', text: 'id' }), this.id,
        h('label', { for: 'au-goal-points', text: 'points' }), this.points,
        h('label', { for: 'au-goal-missing', text: 'missing' }), this.missing,
        h('label', { for: 'au-goal-hint', text: 'hint' }), this.hint),
      h('div', { class: 'ex-buttons au-buttons' },
        h('button', { type: 'button', id: 'au-goal-add', class: 'primary', text: 'Add this goal', onclick: () => this.addGoal() })));
    this.drawFields();
  }

  select(name, options, label) {
    const el = h('select', { id: `au-goal-${name}`, 'aria-label': label },
      options.map(([v, t]) => h('option', { value: v, text: t, selected: v === this.f[name] })));
    el.onchange = () => { this.f[name] = el.value; if (name === 'kind' || name === 'how' || name === 'outcome') this.drawFields(); else this.compose(); };
    return el;
  }

  input(name, label, attrs = {}) {
    const el = h('input', { id: `au-goal-${name}`, class: 'au-goal-small', value: this.f[name], 'aria-label': label, autocomplete: 'off', spellcheck: 'false', ...attrs });
    el.oninput = () => { this.f[name] = el.value; this.compose(); };
    return el;
  }

  field(name) {
    const hosts = ['*', ...this.hosts].map((x) => [x, x === '*' ? 'any host' : x]);
    switch (name) {
      case 'host': return ['host', this.select('host', hosts, 'host')];
      case 'port': return ['port', this.input('port', 'port (optional)', { type: 'number', min: 1, max: 65535, placeholder: 'any' })];
      case 'state': return ['state', this.select('state', STATES.map((s) => [s, s]), 'state')];
      case 'from': return ['from', this.select('from', hosts, 'from')];
      case 'to': return ['to', this.select('to', hosts, 'to')];
      case 'flags': return ['flags', this.input('flags', 'flags, as tcpdump writes them', { placeholder: 'S. F* R …' })];
      case 'fate': return ['fate', this.select('fate', [['sent', 'sent'], ['delivered', 'delivered'], ['dropped', 'dropped']], 'fate')];
      case 'payload': return ['payload', this.select('payload', [['any', 'with or without data'], ['data', 'carrying data'], ['no-data', 'without data']], 'payload')];
      case 'retransmit': return ['by', this.select('retransmit', [['any', 'any cause'], ['timeout', 'timeout'], ['fast', 'fast retransmit'], ['recovery', 'recovery']], 'retransmission by')];
      case 'count': return ['requests', this.input('count', 'requests', { type: 'number', min: 1 })];
      case 'call': return ['call', this.input('call', 'call name', { placeholder: 'connect, recv, * …' })];
      case 'timer': return ['timer', this.select('timer', TIMERS.map((t) => [t, t]), 'timer')];
      case 'outcome': return ['outcome', [this.select('outcome', [['any', 'returned'], ['fails', 'failed with'], ['returns', 'returned the value']], 'outcome'),
        this.f.outcome === 'fails' ? this.input('errno', 'errno (optional)', { placeholder: 'any errno' }) : null,
        this.f.outcome === 'returns' ? [this.select('cmp', ['==', '>', '>=', '<', '<=', '!='].map((c) => [c, c]), 'comparison'), this.input('ret', 'value', { type: 'number' })] : null]];
      default: return null;
    }
  }

  drawFields() {
    const kind = KINDS[this.f.kind];
    const event = kind.event !== false;
    if (!event) this.f.how = 'happened';
    replace(this.how, event ? [this.select('how', [['happened', 'happened'], ['never', 'never happened'], ['times', 'happened at least']], 'how often'),
      this.f.how === 'times' ? [this.input('times', 'times', { type: 'number', min: 1 }), ' times'] : null] : null);
    replace(this.fields, kind.fields.map((n) => this.field(n)).filter(Boolean).map(([label, el]) => h('label', { class: 'au-goal-field' }, h('span', { text: label }), el)));
    this.compose();
  }

  // compose writes the line the choices say, and tries it.
  compose() {
    const kind = KINDS[this.f.kind];
    let line = kind.line(this.f);
    if (this.f.how === 'never') line = `never ${line}`;
    else if (this.f.how === 'times') line = `count ${line} >= ${this.f.times || 1}`;
    this.line.value = line;
    if (!this.missingEdited) {
      this.missing.value = this.f.how === 'happened' && kind.missing ? kind.missing(this.f) : `Not yet: ${line}`;
    }
    this.tryLine();
  }

  // tryLine asks the engine what the line says about the draft.
  tryLine() {
    const v = this.verdict;
    this.tried = null;
    if (!this.el.open) return; // tried when the teacher opens the editor
    const r = this.engine.exTryGoal(this.text(), this.line.value);
    if (r.problems) {
      v.dataset.ok = 'false';
      v.textContent = `The draft has problems (Check shows them): ${r.problems[0].line}:${r.problems[0].col}: ${r.problems[0].message}`;
    } else if (r.error) {
      v.dataset.ok = 'false';
      v.textContent = `column ${r.error.col}: ${r.error.message}`;
    } else if (r.empty) {
      v.dataset.ok = 'false';
      v.textContent = 'An empty attempt meets it already: it would give points for doing nothing.';
    } else if (!r.met) {
      v.dataset.ok = 'false';
      v.textContent = r.missedFor
        ? `The reference solution meets it with the document’s seed but not for learner ${r.missedFor}, whose numbers differ.`
        : 'The reference solution does not meet it.';
    } else {
      v.dataset.ok = 'true';
      v.textContent = `Met by the reference solution${r.line ? ` at its line ${r.line}` : ''}${r.packet ? `, by packet #${r.packet}` : ''}, for every learner; not by an empty attempt.`;
    }
    if (!r.problems && !r.error) this.tried = r;
  }

  // nextID is goal-N for the first N the draft does not use.
  nextID() {
    const text = this.text();
    let n = 1;
    while (new RegExp(`^\`{3,}\\s*goal\\s+id=goal-${n}\\b`, 'm').test(text)) n++;
    return `goal-${n}`;
  }

  addGoal() {
    if (!this.tried) return;
    const id = this.id.value.trim() || this.nextID();
    const task = /^`{3,}\s*sock\b[^\n]*\bid=([\w-]+)[^\n]*\btask=true/m.exec(this.text())?.[1] ?? 'task';
    const lines = [`\`\`\`goal id=${id} for=${task} points=${Math.max(1, Number(this.points.value) || 1)}`, this.line.value.trim(),
      `missing: ${this.missing.value.trim() || `Not yet: ${this.line.value.trim()}`}`];
    if (this.hint.value.trim()) lines.push(`hint: ${this.hint.value.trim()}`);
    lines.push('```');
    this.add(`${lines.join('\n')}\n`);
    this.id.value = '';
    this.hint.value = '';
    this.missingEdited = false;
    this.compose();
  }
}
