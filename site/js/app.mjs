// The playground: wires the engine to the consoles, the ladder, the panels
// and the controls, and keeps them all showing the same session.

import { h, $, replace } from './dom.mjs';
import { Console, stripPrefix as stripHost } from './console.mjs';
import { buildLadder } from './ladder-model.mjs';
import { renderLadder } from './ladder.mjs';
import { renderSockets } from './sockets.mjs';
import { renderStateDiagram } from './statediagram.mjs';
import { renderInspector } from './inspector.mjs';
import { EventLog } from './eventlog.mjs';
import { Timeline } from './timeline.mjs';
import { encodeShare, decodeShare } from './share.mjs';
import { download } from './downloads.mjs';
import { setupTabs, setupMenu } from './tabs.mjs';
import { formatTime, base64ToBytes } from './format.mjs';
import { BridgeError } from './engine.mjs';
import { nextHint } from './hints.mjs';

const HOSTS = ['client', 'server']; // the lanes and consoles the page has
const DEFAULT_SEED = '1';

export class App {
  constructor() {
    this.engine = null; // until attach: lines typed meanwhile wait in queue
    this.queue = [];
    this.seed = DEFAULT_SEED;
    this.timeline = new Timeline();
    this.records = []; // by line number: {host, typed, output, late: []}
    this.events = [];
    this.state = null;
    this.selected = null;
    this.absolute = false;
    this.playing = null;
    this.autoTimer = null;
    this.consoles = new Map();
    this.sockRoots = new Map();
  }

  start() {
    for (const host of HOSTS) {
      const root = $(`#host-${host}`);
      this.consoles.set(host, new Console(root.querySelector('.console'), {
        host,
        run: (text) => this.typed(host, text),
        complete: (text, cursor) => this.complete(host, text, cursor),
      }));
      const sockets = h('div', { class: 'sockets', 'aria-live': 'off' });
      root.append(sockets);
      this.sockRoots.set(host, sockets);
    }
    this.consoles.set('net', new Console($('#net-console .console'), {
      host: 'net',
      run: (text) => this.typed('net', text),
      complete: (text, cursor) => this.complete('net', text, cursor),
    }));
    this.eventLog = new EventLog($('#panel-events'), { onPacket: (id) => this.inspect(id) });
    this.tabs = setupTabs($('.tabs'), () => this.renderPanels());
    this.setupControls();
    setupMenu($('#examples-button'), $('#examples-menu'));
    setupMenu($('#export-button'), $('#export-menu'));
    for (const item of document.querySelectorAll('[data-export]')) {
      item.addEventListener('click', () => this.export(item.dataset.export));
    }
    new ResizeObserver(() => this.renderLadder()).observe($('#ladder-scroll'));
    window.addEventListener('hashchange', () => this.openShared());
  }

  // attach connects the loaded engine and runs what was typed meanwhile.
  attach(engine) {
    this.engine = engine;
    this.fillExamples();
    this.refresh(true);
    for (const [host, text] of this.queue.splice(0)) this.typed(host, text);
  }

  // ---- running lines -------------------------------------------------

  // typed runs a line the user typed into host's console.
  typed(host, text) {
    if (!this.engine) {
      this.queue.push([host, text]);
      this.consoles.get(host).note(`${text}   (runs as soon as the engine has loaded)`, 'note');
      return;
    }
    this.stopPlaying();
    if (/^\s*undo\s*$/.test(text)) return this.undo();
    const go = /^\s*goto\s+(\d+)\s*$/.exec(text);
    if (go) return this.travel(Number(go[1]));
    this.runLine(host, text);
  }

  // runLine executes one statement on host and shows the outcome.
  runLine(host, text, { quiet = false } = {}) {
    const out = this.guard(host, () => this.engine.execOn(host, text));
    if (!out) return null;
    this.record(out, text, host);
    if (!quiet || out.error) this.refresh(false);
    return out;
  }

  // exec runs a full line ("net> step") from a control.
  exec(line) {
    const out = this.guard('net', () => this.engine.exec(line));
    if (!out) return null;
    this.record(out, null, 'net');
    this.refresh(false);
    return out;
  }

  // record shows an output in its console and remembers accepted lines.
  record(out, typed, fallbackHost) {
    const host = this.consoleFor(out.host || fallbackHost);
    const shownText = typed ?? stripHost(out.input);
    if (out.line > 0) {
      this.records[out.line] = { host, typed: shownText, output: out, late: [] };
      this.records.length = out.line + 1;
      this.timeline.typed(out.input);
    }
    this.consoles.get(host).show(out, shownText);
    for (const late of out.late ?? []) {
      this.records[late.line]?.late.push(late);
      this.consoles.get(this.consoleFor(late.host)).late(late);
    }
  }

  consoleFor(host) {
    return this.consoles.has(host) ? host : 'net';
  }

  complete(host, text, cursor) {
    if (!this.engine) return { from: cursor, candidates: [] };
    const prefix = `${host}> `;
    const r = this.engine.complete(prefix + text, prefix.length + cursor);
    return { from: r.from - prefix.length, candidates: r.candidates };
  }

  // guard runs an engine call; a bridge failure (a bug in the engine) is
  // reported in the console and the page carries on with a full refresh.
  guard(host, fn) {
    if (!this.engine) return null;
    try {
      return fn();
    } catch (err) {
      const where = this.consoles.get(this.consoleFor(host));
      const msg = err instanceof BridgeError
        ? `internal error in ${err.method}: ${err.message}${err.recovered ? ` — ${err.recovered}` : ''}`
        : `internal error: ${err.message}`;
      where.note(msg, 'internal');
      this.toast('The engine hit a bug; the session was rebuilt. Details are in the console.');
      this.rebuildConsoles();
      this.refresh(true);
      return null;
    }
  }

  // ---- time travel ---------------------------------------------------

  undo() {
    const before = this.guard('net', () => this.engine.history());
    if (!before?.length) return this.toast('Nothing to undo.');
    const out = this.guard('net', () => this.engine.undo());
    if (!out) return;
    if (out.error) return this.record(out, 'undo', 'net');
    this.afterRewind(before);
  }

  // redo replays undone lines: the same lines on the same seed give the
  // same session, and the consoles get their real outputs back.
  redo(count = 1) {
    const lines = this.timeline.forward(count);
    if (!lines.length) return this.toast('Nothing to redo.');
    for (const line of lines) {
      const out = this.guard('net', () => this.engine.exec(line));
      if (!out) break;
      if (out.error) {
        this.timeline.clear();
        this.record(out, null, 'net');
        break;
      }
      this.records[out.line] = { host: this.consoleFor(out.host), typed: stripHost(out.input), output: out, late: [] };
      this.records.length = out.line + 1;
      for (const late of out.late ?? []) this.records[late.line]?.late.push(late);
    }
    this.rebuildConsoles();
    this.refresh(true);
  }

  travel(n) {
    const lines = this.state?.lines ?? 0;
    if (n === lines) return;
    if (n > lines) return this.redo(n - lines);
    const before = this.guard('net', () => this.engine.history());
    if (!before) return;
    const out = this.guard('net', () => this.engine.goto(n));
    if (!out) return;
    if (out.error) return this.record(out, `goto ${n}`, 'net');
    this.afterRewind(before);
  }

  afterRewind(before) {
    const now = this.guard('net', () => this.engine.history()) ?? [];
    this.timeline.rewound(before, now.length);
    this.records.length = now.length + 1;
    this.rebuildConsoles();
    this.refresh(true);
  }

  // rebuildConsoles redraws every console from the recorded lines, and the
  // undone lines (the timeline's future) greyed out after them.
  rebuildConsoles() {
    for (const c of this.consoles.values()) c.clear();
    for (const r of this.records) {
      if (!r) continue;
      const c = this.consoles.get(r.host);
      c.show(r.output, r.typed);
      for (const late of r.late) this.consoles.get(this.consoleFor(late.host)).late(late);
    }
    for (const line of this.timeline.future) {
      const host = this.consoleFor(/^\s*([\w-]+)>/.exec(line)?.[1] ?? 'net');
      this.consoles.get(host).note(`${stripHost(line)}   (undone: Redo brings it back)`, 'undone');
    }
  }

  // ---- sessions --------------------------------------------------------

  newSession(seed = this.seed) {
    this.stopPlaying();
    this.stopAuto();
    const ok = this.guard('net', () => this.engine.newSession(String(seed)));
    if (!ok) return false;
    if (this.absolute) this.guard('net', () => this.engine.setAbsolute(true));
    this.seed = String(seed);
    this.setStory(null);
    this.records = [];
    this.timeline.clear();
    this.selected = null;
    this.rebuildConsoles();
    this.refresh(true);
    return true;
  }

  reset() {
    this.newSession(this.seed);
    this.toast('Fresh session.');
  }

  // loadScript runs a whole script at once (a share link, a new seed).
  loadScript(script) {
    const outs = this.guard('net', () => this.engine.load(script)) ?? [];
    for (const out of outs) this.record(out, null, 'net');
    this.refresh(true);
    return outs;
  }

  async openShared() {
    let shared;
    try {
      shared = await decodeShare(location.hash);
    } catch (err) {
      this.toast(err.message);
      return false;
    }
    if (!shared) return false;
    this.newSession(shared.seed);
    const outs = this.loadScript(shared.script);
    const failed = outs.find((o) => o.error);
    this.toast(failed ? `The shared session stopped at a failing line: ${failed.error.message}` : `Opened a shared session: ${outs.filter((o) => o.line).length} lines.`);
    return true;
  }

  async share() {
    const script = this.guard('net', () => this.engine.script());
    if (script === null || script === undefined) return;
    const frag = await encodeShare({ seed: this.seed, script });
    const url = `${location.origin}${location.pathname}#${frag}`;
    history.replaceState(null, '', `#${frag}`);
    $('#share-url').value = url;
    $('#share-dialog').showModal();
    $('#share-url').select();
  }

  // ---- examples ---------------------------------------------------------

  // play runs an example line by line so the diagram grows as it goes;
  // comments become narration.
  async play(example) {
    this.stopAuto();
    if (!this.newSession(DEFAULT_SEED)) return;
    const token = {};
    this.playing = token;
    this.setStory(example.title, example.description, true);
    this.consoles.get('net').note(`Example: ${example.title}`, 'narration');
    let first = true;
    for (const raw of example.script.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('#')) {
        // The header (title and description) is already in the story box;
        // comments between lines narrate what comes next.
        if (first) continue;
        const said = line.replace(/^#\s?/, '');
        this.consoles.get('net').note(said, 'narration');
        if (this.playing === token) replace($('#story-line'), said);
        continue;
      }
      if (!first && this.playing === token) await sleep(this.playDelay());
      first = false;
      const fast = this.playing !== token;
      const out = this.guard('net', () => this.engine.exec(line));
      if (!out) break;
      this.record(out, null, 'net');
      if (!fast) this.refresh(false);
      if (out.error) break;
    }
    if (this.playing === token) this.playing = null;
    this.setStory(example.title, example.description, false);
    this.refresh(true);
  }

  playDelay() {
    return 650 / Number($('#speed').value || 1);
  }

  stopPlaying() {
    this.playing = null;
  }

  // setStory shows the example being played above the diagram.
  setStory(title, text, playing) {
    $('#story').hidden = !title;
    if (!title) return;
    replace($('#story-title'), title);
    replace($('#story-line'), text ?? '');
    $('#playing').hidden = !playing;
    $('#playing-skip').hidden = !playing;
  }

  // ---- refreshing the views ----------------------------------------------

  refresh(full) {
    const state = this.guard('net', () => this.engine.state());
    if (!state) return;
    if (full) {
      this.events = this.guard('net', () => this.engine.trace(0)) ?? [];
    } else {
      const more = this.guard('net', () => this.engine.trace(this.events.length)) ?? [];
      if (more.length && more[0].index !== this.events.length) {
        this.events = this.guard('net', () => this.engine.trace(0)) ?? [];
      } else {
        for (const e of more) this.events.push(e);
      }
    }
    this.state = state;
    $('#clock').textContent = formatTime(state.now);
    const slider = $('#timeline');
    slider.max = String(state.lines + this.timeline.future.length);
    slider.value = String(state.lines);
    $('#timeline-label').textContent = `line ${state.lines} of ${slider.max}`;
    $('#btn-undo').disabled = state.lines === 0;
    $('#btn-redo').disabled = this.timeline.future.length === 0;
    $('#btn-step').disabled = $('#btn-run').disabled = !state.inflight?.length;
    if (document.activeElement !== $('#net-seed')) $('#net-seed').value = this.seed;
    for (const host of state.hosts ?? []) {
      this.consoles.get(host.name)?.setPending(host.pending ?? null);
      const root = this.sockRoots.get(host.name);
      if (root) renderSockets(root, host, { absolute: this.absolute });
    }
    if (this.selected && !this.events.some((e) => e.packet === this.selected)) this.selected = null;
    this.renderLadder();
    this.renderPanels();
    this.renderHint();
    document.documentElement.dataset.lines = String(state.lines);
  }

  // renderHint tells a first-time visitor what to try next; a code hint is
  // a button that puts the code in the right console.
  renderHint() {
    const hint = nextHint(this.state);
    const el = $('#hint');
    if (!hint) {
      replace(el, 'Explore: the Examples menu has scenarios from lost segments to WebSocket push.');
      return;
    }
    const code = hint.code ? h('button', {
      type: 'button', class: 'code', title: `put it in the ${hint.host} console`,
      onclick: () => {
        const c = this.consoles.get(hint.host);
        c.setInput(hint.code);
        c.focus();
      },
    }, hint.code) : null;
    replace(el, hint.text, ' ', code);
  }

  renderLadder() {
    if (!this.state) return;
    const scroller = $('#ladder-scroll');
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 30;
    const lanes = HOSTS.concat((this.state.hosts ?? []).map((x) => x.name).filter((n) => !HOSTS.includes(n)));
    const model = buildLadder(this.events, this.state, { absolute: this.absolute, hosts: lanes });
    renderLadder($('#ladder'), model, {
      width: Math.max(scroller.clientWidth, 360),
      selected: this.selected,
      onPick: (id) => this.inspect(id),
      onFlight: (id, el) => this.flightMenu(id, el),
    });
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  renderPanels() {
    if (!this.state) return;
    switch (this.tabs.current()) {
      case 'panel-inspector': return this.renderInspector();
      case 'panel-states': return this.renderStates();
      case 'panel-tcpdump': return this.renderTcpdump();
      case 'panel-events': return this.eventLog.render(this.events);
    }
  }

  renderInspector() {
    const root = $('#panel-inspector');
    if (!this.selected) return renderInspector(root, null);
    const view = this.guard('net', () => this.engine.packet(this.selected));
    const send = this.events.find((e) => (e.kind === 'send' || e.kind === 'dup') && e.packet === this.selected);
    const fate = this.events.findLast((e) => e.packet === this.selected && ['deliver', 'drop'].includes(e.kind));
    renderInspector(root, view, send ? base64ToBytes(send.bytes) : null, {
      route: send ? `${send.from} → ${send.to}` : '',
      time: send?.time,
      fate: fate ? (fate.kind === 'deliver' ? `delivered at ${formatTime(fate.time)}` : `dropped at ${formatTime(fate.time)}${fate.text ? ': ' + fate.text : ''}`) : 'on the wire',
    });
  }

  renderStates() {
    const sockets = [];
    for (const host of this.state.hosts ?? []) {
      for (const s of host.sockets ?? []) {
        if (s.proto === 'tcp') sockets.push({ host: host.name, fd: s.fd, state: s.state, last: s.last });
      }
    }
    const transitions = this.events.filter((e) => e.kind === 'state').slice(-6);
    renderStateDiagram($('#panel-states'), sockets, transitions);
  }

  renderTcpdump() {
    const text = this.guard('net', () => this.engine.tcpdump($('#tcpdump-host').value, $('#tcpdump-absolute').checked));
    $('#tcpdump-text').textContent = text || '(no packets yet)';
  }

  inspect(id) {
    this.selected = id;
    this.tabs.show('panel-inspector');
    this.renderLadder();
  }

  // flightMenu offers what the network can do to a packet in flight.
  flightMenu(id, anchor) {
    const menu = $('#flight-menu');
    const act = (line) => () => { this.closeFlightMenu(); this.exec(line); };
    // step delivers in arrival order; a later packet goes with those ahead.
    const ahead = (this.state?.inflight ?? []).findIndex((f) => f.id === id);
    const deliver = ahead <= 0
      ? ['Deliver it now', act('net> step')]
      : [`Deliver it and the ${ahead} ahead of it`, act(`net> step ${ahead + 1}`)];
    const items = [
      deliver,
      ['Drop it', act(`net> drop ${id}`)],
      ['Duplicate it', act(`net> dup ${id}`)],
      ['Delay it 100 ms', act(`net> delay ${id} 100ms`)],
      ['Corrupt a byte', act(`net> corrupt ${id}`)],
      ['Inspect', () => { this.closeFlightMenu(); this.inspect(id); }],
    ];
    replace(menu, h('div', { class: 'popover-title', text: `Packet #${id} in flight` }),
      items.map(([label, fn]) => h('button', { type: 'button', role: 'menuitem', text: label, onclick: fn })));
    menu.hidden = false;
    const box = anchor.querySelector('.flight-dot')?.getBoundingClientRect() ?? anchor.getBoundingClientRect();
    const left = Math.min(window.scrollX + box.left + box.width / 2, window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8);
    menu.style.left = `${Math.max(8, left)}px`;
    menu.style.top = `${window.scrollY + box.bottom + 6}px`;
    this.flightAnchor = anchor;
    menu.querySelector('button')?.focus();
  }

  closeFlightMenu(refocus = false) {
    const menu = $('#flight-menu');
    if (menu.hidden) return;
    menu.hidden = true;
    if (refocus) this.flightAnchor?.focus?.();
  }

  // ---- controls ----------------------------------------------------------

  setupControls() {
    $('#btn-step').addEventListener('click', () => this.exec('net> step'));
    $('#btn-run').addEventListener('click', () => this.exec('net> run'));
    $('#btn-next').addEventListener('click', () => this.exec('net> next'));
    $('#btn-wait').addEventListener('click', () => this.exec(`net> wait ${$('#wait-amount').value.trim() || '1s'}`));
    $('#wait-amount').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('#btn-wait').click(); });
    $('#btn-undo').addEventListener('click', () => this.undo());
    $('#btn-redo').addEventListener('click', () => this.redo(1));
    $('#btn-reset').addEventListener('click', () => this.reset());
    $('#btn-auto').addEventListener('click', () => (this.autoTimer ? this.stopAuto() : this.startAuto()));
    $('#timeline').addEventListener('change', (e) => this.travel(Number(e.target.value)));
    $('#timeline').addEventListener('input', (e) => { $('#timeline-label').textContent = `line ${e.target.value} of ${e.target.max}`; });
    const setting = (id, cmd) => {
      const el = $(id);
      const apply = () => { if (el.value.trim()) this.exec(`net> ${cmd} ${el.value.trim()}`); };
      el.addEventListener('change', apply);
      el.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); el.blur(); } });
    };
    setting('#net-latency', 'latency');
    setting('#net-loss', 'loss');
    $('#net-seed').addEventListener('change', () => this.changeSeed($('#net-seed').value.trim()));
    $('#net-seed').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); $('#net-seed').blur(); } });
    $('#absolute-seq').addEventListener('change', (e) => {
      this.absolute = e.target.checked;
      this.guard('net', () => this.engine.setAbsolute(this.absolute)); // packet lines printed from now on
      $('#tcpdump-absolute').checked = this.absolute;
      this.refresh(false);
    });
    $('#tcpdump-host').addEventListener('change', () => this.renderTcpdump());
    $('#tcpdump-absolute').addEventListener('change', () => this.renderTcpdump());
    $('#start-handshake').addEventListener('click', () => this.playExample(/handshake/i));
    $('#start-close').addEventListener('click', () => { $('#start').hidden = true; });
    $('#playing-skip').addEventListener('click', () => this.stopPlaying());
    $('#story-close').addEventListener('click', () => { $('#story').hidden = true; });
    $('#help-button').addEventListener('click', () => this.showHelp(''));
    $('#share-button').addEventListener('click', () => this.share());
    $('#share-copy').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText($('#share-url').value);
        this.toast('Link copied.');
      } catch {
        $('#share-url').select();
        this.toast('Press Ctrl+C to copy the selected link.');
      }
    });
    for (const dialog of document.querySelectorAll('dialog')) {
      dialog.querySelector('[data-close]')?.addEventListener('click', () => dialog.close());
    }
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closeFlightMenu(true); });
    $('#flight-menu').addEventListener('keydown', (e) => {
      const items = [...$('#flight-menu').querySelectorAll('button')];
      const i = items.indexOf(document.activeElement);
      const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
      if (step) { e.preventDefault(); items[(i + step + items.length) % items.length]?.focus(); }
      if (e.key === 'Tab') this.closeFlightMenu(false);
    });
    document.addEventListener('pointerdown', (e) => {
      if (!$('#flight-menu').contains(e.target) && !e.target.closest?.('.arrow.inflight')) this.closeFlightMenu();
    });
  }

  fillExamples() {
    this.examples = this.guard('net', () => this.engine.examples()) ?? [];
    replace($('#examples-menu'), this.examples.map((ex) => h('button', {
      type: 'button', role: 'menuitem', class: 'example', onclick: () => this.play(ex), 'data-example': ex.name,
    }, h('span', { class: 'ex-title', text: ex.title }), h('span', { class: 'ex-desc', text: ex.description }))));
  }

  playExample(pattern) {
    const ex = (this.examples ?? []).find((e) => pattern.test(e.title) || pattern.test(e.name)) ?? this.examples[0];
    if (ex) this.play(ex);
  }

  export(kind) {
    if (kind === 'script') {
      const text = this.guard('net', () => this.engine.script());
      if (text !== null) download('sockplay.sock', text, 'text/plain');
    } else if (kind === 'tcpdump') {
      const text = this.guard('net', () => this.engine.tcpdump('', false));
      if (text !== null) download('sockplay-tcpdump.txt', text, 'text/plain');
    } else if (kind === 'pcap') {
      const bytes = this.guard('net', () => this.engine.pcap(''));
      if (bytes) download('sockplay.pcap', bytes, 'application/vnd.tcpdump.pcap');
    }
  }

  changeSeed(seed) {
    if (!/^\d{1,20}$/.test(seed)) {
      this.toast('The seed is a whole number, e.g. 42.');
      $('#net-seed').value = this.seed;
      return;
    }
    const script = this.guard('net', () => this.engine.script()) ?? '';
    if (!this.newSession(seed)) return;
    if (script.trim()) this.loadScript(script);
    this.toast(`Seed ${seed}: the same lines, with other random choices (ISNs, ports, losses).`);
  }

  startAuto() {
    $('#btn-auto').setAttribute('aria-pressed', 'true');
    $('#btn-auto').textContent = 'Pause';
    const tick = () => {
      if (!this.state?.inflight?.length) {
        this.stopAuto();
        return;
      }
      this.exec('net> step');
      this.autoTimer = setTimeout(tick, 900 / Number($('#speed').value || 1));
    };
    this.autoTimer = setTimeout(tick, 0);
  }

  stopAuto() {
    clearTimeout(this.autoTimer);
    this.autoTimer = null;
    $('#btn-auto').setAttribute('aria-pressed', 'false');
    $('#btn-auto').textContent = '▶ Auto';
  }

  showHelp(topic) {
    const text = this.guard('net', () => this.engine.help(topic));
    $('#help-text').textContent = text ?? '';
    $('#help-dialog').showModal();
  }

  toast(text) {
    const t = $('#toast');
    t.textContent = text;
    t.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => t.classList.remove('show'), 3500);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
