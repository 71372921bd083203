// The playground: the session's lines and their history, kept in step
// with the consoles; views.mjs draws the rest from the same state.

import { $, h, replace } from './dom.mjs';
import { helpRuns } from './helplinks.mjs';
import { Console } from './console.mjs';
import { stripPrefix as stripHost } from './transcript.mjs';
import { Timeline } from './timeline.mjs';
import { encodeShare, decodeShare } from './share.mjs';
import { download } from './downloads.mjs';
import { BridgeError } from './engine.mjs';
import { Views } from './views.mjs';
import { ExamplePlayer } from './player.mjs';
import { setupControls, AutoPlay } from './controls.mjs';
import { HostTabs } from './hosts.mjs';
import { PhoneHosts } from './phonehosts.mjs';
import { Presentation } from './present.mjs';
import { Autosave } from './autosave.mjs';
import { sessionNotebook } from './notebook/from-session.mjs';
import { encodeNotebookLink } from './notebook/sharelink.mjs';
import { t, currentLang, setLang, helpTable } from './i18n.mjs';

const HOSTS = ['client', 'server']; // the lanes and consoles the page starts with; hosts.mjs adds more

export class App {
  constructor() {
    this.engine = null;
    this.queue = []; // lines typed before the session is open (runQueued)
    this.opened = false;
    this.defaultSeed = '1'; // the CLI's default too: examples replay alike
    this.seed = this.defaultSeed;
    this.timeline = new Timeline();
    this.records = []; // by line number: {host, typed, output, late: []}
    this.events = []; // the trace without crowds' clients (traceBrief)
    this.traceNext = 0; // the trace index to read from next
    this.state = null;
    this.absolute = false;
    this.consoles = new Map();
  }

  start() {
    for (const host of [...HOSTS, 'net']) {
      const el = host === 'net' ? $('#net-console .console') : $(`#host-${host} .console`);
      this.consoles.set(host, new Console(el, {
        host,
        run: (text) => this.typed(host, text),
        complete: (text, cursor) => this.complete(host, text, cursor),
      }));
    }
    this.views = new Views(this, HOSTS);
    this.hostTabs = new HostTabs($('#side-left'));
    this.phoneHosts = new PhoneHosts($('.phone-hosts'), $('.stage'));
    this.presentation = new Presentation(this);
    this.player = new ExamplePlayer(this);
    this.auto = new AutoPlay(this);
    this.autosave = new Autosave(this);
    setupControls(this);
    window.addEventListener('hashchange', () => this.openShared());
  }

  // attach connects the loaded engine; lines typed meanwhile wait until
  // the session to continue is open (runQueued).
  attach(engine) {
    this.engine = engine;
    this.player.fill(this.guard('net', () => engine.examples()) ?? []);
    this.refresh(true);
  }

  // runQueued runs what was typed before the session was open, after it.
  runQueued() {
    this.opened = true;
    for (const [host, text] of this.queue.splice(0)) this.typed(host, text);
  }

  speed() { return Number($('#speed').value) || 1; }

  // ---- running lines -------------------------------------------------

  // typed runs a line the user typed into host's console.
  typed(host, text) {
    if (this.running) {
      this.toast(t('toast.crowd-running', 'A crowd is running: wait for its summary.'));
      return;
    }
    if (!this.opened) {
      this.queue.push([host, text]);
      this.consoles.get(host).note(t('console.queued', '{line}   (runs as soon as the engine has loaded)', { line: text }), 'note');
      return;
    }
    this.player.stop();
    if (/^\s*undo\s*$/.test(text)) return this.undo();
    const go = /^\s*goto\s+(\d+)\s*$/.exec(text);
    if (go) return this.travel(Number(go[1]));
    this.runLine(host, text);
  }

  // runLine executes one statement on host and shows the outcome.
  runLine(host, text) {
    if (host === 'net' && /^\s*crowd\s/.test(text) && this.engine?.api.execOnAsync) return this.runCrowd(text);
    const out = this.guard(host, () => this.engine.execOn(host, text));
    if (!out) return null;
    this.record(out, text, host);
    this.refresh(false);
    return out;
  }

  // runCrowd runs a crowd's line with the page live: the net console
  // counts the clients done, and the engine answers nothing else until
  // the line has ended (the other controls wait: guard).
  async runCrowd(text) {
    const con = this.consoles.get('net');
    const say = (done, total) => con.setBusy(t('console.crowd-progress', 'the crowd runs: {done} of {total} clients done', { done, total }));
    this.running = true;
    say(0, '…');
    let out = null;
    try {
      out = await this.engine.execOnAsync('net', text, say);
    } catch (err) {
      out = null;
      this.running = false;
      this.guard('net', () => { throw err; });
    } finally {
      this.running = false;
      con.setBusy(null);
    }
    if (!out) return null;
    this.record(out, text, 'net');
    this.refresh(false);
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
    if (out.host && out.host !== 'net' && !out.error) this.addHost(out.host, false);
    const host = this.consoleFor(out.host || fallbackHost);
    const shownText = typed ?? stripHost(out.input);
    const undone = out.line > 0 && this.timeline.future.length > 0;
    if (out.line > 0) {
      this.records[out.line] = { host, typed: shownText, output: out, late: [] };
      this.records.length = out.line + 1;
      this.timeline.typed(out.input);
    }
    this.consoles.get(host).show(this.localized(out), shownText);
    for (const late of out.late ?? []) {
      this.records[late.line]?.late.push(late);
      this.consoles.get(this.consoleFor(late.host)).late(late);
    }
    if (undone) this.showUndone(); // a redone or new line changes what Redo can bring back
  }

  // localized is an output as the console shows it in the page's
  // language: a help line's page (the engine names its topic in
  // out.help) is asked of the engine again with the language's help
  // texts (what the engine recorded stays English).
  localized(out) {
    const table = typeof out.help === 'string' ? helpTable() : '';
    if (!table) return out;
    const text = this.guard('net', () => this.engine.help(out.help, table));
    return text ? { ...out, lines: text.replace(/\n+$/, '').split('\n') } : out;
  }

  consoleFor(host) {
    return this.consoles.has(host) ? host : 'net';
  }

  // addHost gives a host added in the session its console and socket
  // panel; show brings its tab to the front.
  addHost(name, show) {
    if (this.consoles.has(name)) return;
    const el = this.hostTabs.add(name);
    this.consoles.set(name, new Console(el, {
      host: name,
      run: (text) => this.typed(name, text),
      complete: (text, cursor) => this.complete(name, text, cursor),
    }));
    this.views.addHost(name);
    if (show) this.hostTabs.show(name);
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
    if (!this.engine || this.running) return null;
    try {
      return fn();
    } catch (err) {
      const where = this.consoles.get(this.consoleFor(host));
      const msg = err instanceof BridgeError
        ? t('console.internal-in', 'internal error in {method}: {message}', { method: err.method, message: err.message }) + (err.recovered ? ` — ${err.recovered}` : '')
        : t('console.internal', 'internal error: {message}', { message: err.message });
      where.note(msg, 'internal');
      this.toast(t('toast.bug', 'The engine hit a bug; the session was rebuilt. Details are in the console.'));
      this.rebuildConsoles();
      this.refresh(true);
      return null;
    }
  }

  // ---- time travel ---------------------------------------------------

  undo() {
    const before = this.guard('net', () => this.engine.history());
    if (!before?.length) return this.toast(t('toast.no-undo', 'Nothing to undo.'));
    const out = this.guard('net', () => this.engine.undo());
    if (!out) return;
    if (out.error) return this.record(out, 'undo', 'net');
    this.afterRewind(before);
  }

  // redo replays undone lines: the same lines on the same seed give the
  // same session, and the consoles get their real outputs back.
  redo(count = 1) {
    const lines = this.timeline.forward(count);
    if (!lines.length) return this.toast(t('toast.no-redo', 'Nothing to redo.'));
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
      c.show(this.localized(r.output), r.typed);
      for (const late of r.late) this.consoles.get(this.consoleFor(late.host)).late(late);
    }
    this.showUndone();
  }

  // showUndone lists the lines Redo can bring back, greyed out after the
  // others, and only those: a promise Redo can no longer keep goes.
  showUndone() {
    for (const el of document.querySelectorAll('.scrollback .entry.undone')) el.remove();
    for (const line of this.timeline.future) {
      const host = this.consoleFor(/^\s*([\w-]+)>/.exec(line)?.[1] ?? 'net');
      this.consoles.get(host).note(t('console.undone', '{line}   (undone: Redo brings it back)', { line: stripHost(line) }), 'undone');
    }
  }

  // ---- sessions --------------------------------------------------------

  newSession(seed = this.seed) {
    this.player.stop();
    this.auto.stop();
    this.autosave.keep(); // the session replaced stays in the Recent menu
    const ok = this.guard('net', () => this.engine.newSession(String(seed)));
    if (!ok) return false;
    if (this.absolute) this.guard('net', () => this.engine.setAbsolute(true));
    this.seed = String(seed);
    this.player.story(null);
    this.records = [];
    this.timeline.clear();
    this.views.selected = null;
    this.rebuildConsoles();
    this.refresh(true);
    return true;
  }

  reset() {
    this.newSession(this.seed);
    this.toast(t('toast.fresh', 'Fresh session.'));
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
    if (shared.lang && shared.lang !== currentLang()) await setLang(shared.lang).catch(() => {});
    this.newSession(shared.seed);
    const outs = this.loadScript(shared.script);
    const failed = outs.find((o) => o.error);
    this.toast(failed
      ? t('toast.shared-failed', 'The shared session stopped at a failing line: {message}', { message: failed.error.message })
      : t('toast.shared', 'Opened a shared session: {n, plural, one {# line} other {# lines}}.', { n: outs.filter((o) => o.line).length }));
    return true;
  }

  async share() {
    const script = this.guard('net', () => this.engine.script());
    if (script === null || script === undefined) return;
    let frag;
    try {
      frag = await encodeShare({ seed: this.seed, script, lang: currentLang() });
    } catch (err) {
      this.toast(t('toast.no-link', 'Could not make a link: {message}', { message: err.message }));
      return;
    }
    const url = `${location.origin}${location.pathname}#${frag}`;
    history.replaceState(null, '', `#${frag}`);
    $('#share-url').value = url;
    $('#share-dialog').showModal();
    $('#share-url').select();
  }

  // ---- refreshing the views ----------------------------------------------

  // refresh reads the state and the new trace events and redraws.
  refresh(full) {
    const state = this.guard('net', () => this.engine.state());
    if (!state) return;
    // A crowd's clients' events stay in the engine: the crowd view asks
    // for them summed up. A trace shorter than before (a new seed) is
    // read again from the start.
    let more = this.guard('net', () => this.engine.traceBrief(full ? 0 : this.traceNext));
    if (!more) return;
    if (!full && more.next < this.traceNext) {
      more = this.guard('net', () => this.engine.traceBrief(0));
      if (!more) return;
      full = true;
    }
    if (full) this.events = more.events;
    else for (const e of more.events) this.events.push(e);
    this.traceNext = more.next;
    this.state = state;
    for (const host of state.hosts ?? []) this.addHost(host.name, !full);
    this.hostTabs.sync(state.hosts ?? []);
    this.views.render();
    this.autosave.save();
  }

  // ---- settings, export, help --------------------------------------------

  setAbsolute(on) {
    this.absolute = on;
    this.guard('net', () => this.engine.setAbsolute(on)); // packet lines printed from now on
    $('#tcpdump-absolute').checked = on;
    this.refresh(false);
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
    } else if (kind === 'notebook') {
      const script = this.guard('net', () => this.engine.script());
      if (script === null) return;
      encodeNotebookLink(sessionNotebook({ seed: this.seed, script }))
        .then((link) => window.open(`notebook.html#${link}`, '_blank'));
    } else if (kind === 'exercise') {
      const script = this.guard('net', () => this.engine.script());
      if (script === null) return;
      encodeShare({ seed: this.seed, script }).then((link) => window.open(`exercises.html?author#${link}`, '_blank'));
    }
  }

  changeSeed(seed) {
    if (!/^\d{1,20}$/.test(seed)) {
      this.toast(t('toast.seed-number', 'The seed is a whole number, e.g. 42.'));
      $('#net-seed').value = this.seed;
      return;
    }
    const script = this.guard('net', () => this.engine.script()) ?? '';
    if (!this.newSession(seed)) return;
    if (script.trim()) this.loadScript(script);
    this.toast(t('toast.seed', 'Seed {seed}: the same lines, with other random choices (ISNs, ports, losses).', { seed }));
  }

  // showHelp opens the help on topic ('' for the index); its topics'
  // names are links to their pages, and "All topics" goes back.
  showHelp(topic) {
    const text = this.guard('net', () => this.engine.help(topic, helpTable())) ?? '';
    this.helpTopics ??= new Set(this.guard('net', () => this.engine.complete('help ', 5))?.candidates ?? []);
    const pre = $('#help-text');
    replace(pre, helpRuns(text, this.helpTopics).map((r) => (r.topic
      ? h('button', { type: 'button', class: 'link help-link', text: r.text, onclick: () => this.showHelp(r.topic) }) : r.text)));
    $('#help-back').hidden = !topic;
    if (!$('#help-dialog').open) $('#help-dialog').showModal();
    pre.scrollTop = 0;
    if (topic) pre.focus();
  }

  // relabel redraws what the page wrote in the old language: the consoles
  // (from the recorded outputs, which the engine wrote in no language),
  // the views and the controls. The session is not touched.
  relabel() {
    this.auto.label();
    if (!this.engine) return;
    this.player.fill(this.player.examples);
    this.player.relabel();
    this.rebuildConsoles();
    this.refresh(true);
  }

  toast(text) {
    const t = $('#toast');
    t.textContent = text;
    t.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => t.classList.remove('show'), 3500);
  }
}
