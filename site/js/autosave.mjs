// Autosave: the session (its seed and lines, what a share link holds) is
// saved in IndexedDB after every line and restored when the page opens
// again without a share link, so a reload or a crash loses nothing. A
// session that another replaces (an example, Reset, a share link) is kept
// among the recent sessions, which the Recent menu brings back.

import { h, $, replace } from './dom.mjs';
import { setupMenu } from './tabs.mjs';
import { keyValueStore } from './idb.mjs';

const DB = 'sockplay-sessions';
const STORE = 'sessions'; // keys: "current" (a session), "recent" (a list of them)
const KEEP = 8;

const request = keyValueStore(DB, STORE);

const read = (key) => request('readonly', (s) => s.get(key));
const write = (key, value) => request('readwrite', (s) => s.put(value, key));

export class Autosave {
  constructor(app) {
    this.app = app;
    this.queue = Promise.resolve(); // writes in the order they were asked for
    this.failed = false;
    this.menu = setupMenu($('#recent-button'), $('#recent-menu'));
    $('#recent-button').addEventListener('click', () => this.fillMenu());
  }

  // snapshot is the session as it is now, or null when it has no lines.
  snapshot() {
    const { app } = this;
    const script = app.guard('net', () => app.engine.script()) ?? '';
    if (!script.trim()) return null;
    return { seed: app.seed, script, lines: app.state?.lines ?? 0, title: app.player?.shown?.title ?? '', saved: Date.now() };
  }

  // then runs fn after the writes before it; a failure (private mode, a
  // full disk) is told once and the page carries on.
  then(fn) {
    this.queue = this.queue.then(fn).catch((err) => {
      if (!this.failed) this.app.toast(`Your session cannot be saved in this browser (${err?.message ?? err}); a share link keeps it.`);
      this.failed = true;
    });
    return this.queue;
  }

  // save records the session after a line.
  save() {
    const now = this.snapshot();
    return this.then(() => write('current', now));
  }

  // keep adds the session to the recent ones before something replaces it.
  keep() {
    const now = this.snapshot();
    if (!now) return this.queue;
    return this.then(async () => {
      const recent = (await read('recent')) ?? [];
      const others = recent.filter((r) => r.seed !== now.seed || r.script !== now.script);
      await write('recent', [now, ...others].slice(0, KEEP));
    });
  }

  // restore opens the saved session, if there is one; true if it did.
  async restore() {
    let saved;
    try {
      saved = await read('current');
    } catch {
      return false;
    }
    if (!saved?.script) return false;
    this.open(saved, 'Restored your session');
    return true;
  }

  // open replaces the session with a saved one (the one it replaces is kept).
  open(saved, what) {
    const { app } = this;
    if (!app.newSession(saved.seed)) return;
    const outs = app.loadScript(saved.script);
    app.rebuildConsoles();
    const failed = outs.find((o) => o.error);
    app.toast(failed ? `${what}, up to a failing line: ${failed.error.message}` : `${what}: ${outs.filter((o) => o.line).length} lines, saved ${ago(saved.saved)}.`);
  }

  async fillMenu() {
    let recent = [];
    try {
      await this.queue; // the writes asked for before
      recent = (await read('recent')) ?? [];
    } catch { /* told when saving failed */ }
    const panel = $('#recent-menu');
    if (!recent.length) {
      replace(panel, h('p', { class: 'menu-empty', text: 'No earlier sessions yet. When an example, Reset or a share link replaces your session, it is kept here.' }));
      return;
    }
    replace(panel, recent.map((r) => h('button', {
      type: 'button', role: 'menuitem', class: 'example',
      onclick: () => this.open(r, 'Reopened an earlier session'),
    }, h('span', { class: 'ex-title', text: r.title || firstLine(r.script) }),
    h('span', { class: 'ex-desc', text: `${r.lines} lines, seed ${r.seed}, saved ${ago(r.saved)}` }))));
    panel.querySelector('[role=menuitem]')?.focus();
  }
}

function firstLine(script) {
  return script.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'))?.trim() ?? 'a session';
}

function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleDateString();
}
