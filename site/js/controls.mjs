// The control bar and header buttons: each one is a net> line, a session
// action or a dialog.

import { $ } from './dom.mjs';
import { setupMenu } from './tabs.mjs';
import { t } from './i18n.mjs';

export function setupControls(app) {
  const click = (id, fn) => $(id).addEventListener('click', fn);
  // onCommit runs commit when a field's new value is confirmed, by Enter or
  // by leaving it, once. (Firefox fires no change event on an Enter whose
  // default is prevented, Chromium does: both paths lead here.)
  const onCommit = (el, commit) => {
    let before = el.value;
    el.addEventListener('focus', () => { before = el.value; });
    const run = () => {
      if (el.value === before) return;
      before = el.value;
      commit(el.value.trim());
    };
    el.addEventListener('change', run);
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); run(); el.blur(); }
    });
  };

  click('#btn-step', () => app.exec('net> step'));
  click('#btn-run', () => app.exec('net> run'));
  click('#btn-next', () => app.exec('net> next'));
  click('#btn-wait', () => app.exec(`net> wait ${$('#wait-amount').value.trim() || '1s'}`));
  $('#wait-amount').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('#btn-wait').click(); });
  click('#btn-undo', () => app.undo());
  click('#btn-redo', () => app.redo(1));
  click('#btn-reset', () => app.reset());
  click('#btn-auto', () => (app.auto.running ? app.auto.stop() : app.auto.start()));
  $('#timeline').addEventListener('change', (e) => app.travel(Number(e.target.value)));
  $('#timeline').addEventListener('input', (e) => { $('#timeline-label').textContent = t('ui.timeline', 'line {n} of {total}', { n: e.target.value, total: e.target.max }); });

  for (const [id, cmd] of [['#net-latency', 'latency'], ['#net-loss', 'loss']]) {
    onCommit($(id), (value) => { if (value) app.exec(`net> ${cmd} ${value}`); });
  }
  onCommit($('#net-seed'), (value) => app.changeSeed(value));
  $('#absolute-seq').addEventListener('change', (e) => app.setAbsolute(e.target.checked));

  click('#start-handshake', () => app.player.playMatching(/handshake/i));
  click('#start-close', () => { $('#start').hidden = true; });
  click('#help-button', () => app.showHelp(''));
  click('#help-back', () => app.showHelp(''));
  click('#share-button', () => app.share());
  click('#share-copy', async () => {
    try {
      await navigator.clipboard.writeText($('#share-url').value);
      app.toast(t('toast.copied', 'Link copied.'));
    } catch {
      $('#share-url').select();
      app.toast(t('toast.copy-by-hand', 'Press Ctrl+C to copy the selected link.'));
    }
  });
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.querySelector('[data-close]')?.addEventListener('click', () => dialog.close());
  }
  setupMenu($('#examples-button'), $('#examples-menu'));
  setupMenu($('#export-button'), $('#export-menu'));
  for (const item of document.querySelectorAll('[data-export]')) {
    item.addEventListener('click', () => app.export(item.dataset.export));
  }
}

// AutoPlay steps the network by itself, at the speed setting, until no
// packet is in flight.
export class AutoPlay {
  constructor(app) {
    this.app = app;
    this.timer = null;
  }

  get running() { return this.timer !== null; }

  start() {
    $('#btn-auto').setAttribute('aria-pressed', 'true');
    this.label();
    const tick = () => {
      if (!this.app.state?.inflight?.length) return this.stop();
      this.app.exec('net> step');
      this.timer = setTimeout(tick, 900 / this.app.speed());
    };
    this.timer = setTimeout(tick, 0);
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    $('#btn-auto').setAttribute('aria-pressed', 'false');
    this.label();
  }

  // label names the button by what a click does (also after a language switch).
  label() {
    $('#btn-auto').textContent = this.running ? t('ui.pause', 'Pause') : t('ui.auto', '▶ Auto');
  }
}
