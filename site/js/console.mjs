// A host's console: a scrollback of lines and what they printed, a prompt
// with ↑/↓ history and Tab completion, and a strip that says when the host
// is blocked in a call.

import { h, replace } from './dom.mjs';
import { InputHistory } from './history.mjs';
import { Completer } from './completion.mjs';
import { renderEntry, renderLate, renderErrnoHint, stripPrefix } from './transcript.mjs';
import { t } from './i18n.mjs';

export class Console {
  // element is the console's static markup (index.html): a .scrollback, a
  // .status strip, a .completions list and the .prompt-input, so that the
  // page can be typed into before any script has run. host: "client",
  // "server" or "net"; run(text) executes a typed line; complete(text,
  // cursor) → {from, candidates}.
  constructor(element, { host, prompt = `${host}>`, run, complete }) {
    this.host = host;
    this.prompt = prompt;
    this.run = run;
    this.history = new InputHistory();
    this.entries = new Map(); // session line number → entry element
    this.stick = true;
    this.element = element;
    this.log = element.querySelector('.scrollback');
    this.status = element.querySelector('.status');
    this.input = element.querySelector('.prompt-input');
    this.completer = new Completer(this.input, element.querySelector('.completions'), complete);
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.log.addEventListener('scroll', () => {
      this.stick = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 8;
    });
  }

  // focus tells the page first (phonehosts.mjs shows a folded console).
  focus() {
    this.element.dispatchEvent(new CustomEvent('console-focus', { bubbles: true }));
    this.input.focus();
  }

  submit() {
    const text = this.input.value;
    if (text.trim() === '') return;
    this.history.push(text);
    this.input.value = '';
    this.hideCompletions();
    this.run(text);
  }

  onKey(e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'ArrowUp' && !e.altKey) {
      const v = this.history.up(this.input.value);
      if (v !== null) { e.preventDefault(); this.setInput(v); }
    } else if (e.key === 'ArrowDown' && !e.altKey) {
      const v = this.history.down();
      if (v !== null) { e.preventDefault(); this.setInput(v); }
    } else if (e.key === 'Tab' && !e.shiftKey && this.input.value.trim() !== '') {
      e.preventDefault(); // Tab completes while there is text; on an empty line it moves focus
      this.complete();
    } else if (e.key === 'Escape') {
      this.hideCompletions();
    }
  }

  setInput(text, cursor = text.length) {
    this.input.value = text;
    this.input.setSelectionRange(cursor, cursor);
  }

  complete() { this.completer.complete(); }

  hideCompletions() { this.completer.hide(); }

  // show prints one executed line: what was typed, what it printed, its
  // error (with a caret under the column) and its late results.
  show(output, typed) {
    const entry = renderEntry(output, { typed, prompt: this.prompt });
    if (output.line) this.entries.set(output.line, entry);
    this.append(entry);
    return entry;
  }

  // note prints a line of narration (an example's comments, a notice).
  note(text, kind = 'note') {
    this.append(h('div', { class: `entry ${kind}`, text }));
  }

  // late attaches a blocked call's result to the entry that made the call.
  late(result) {
    const entry = this.entries.get(result.line);
    if (entry) {
      entry.classList.remove('blocked');
      entry.append(renderLate(result), renderErrnoHint(stripPrefix(result.text), result.errno) ?? '');
    }
    // Far from the call, a notice at the bottom says it finished.
    const recent = [...this.log.children].slice(-2);
    if (!entry || !recent.includes(entry)) {
      this.append(h('div', { class: 'entry late-notice' },
        renderLate(result, 'span'),
        h('span', { class: 'lineno', text: t('console.returned', 'returned for #{line}', { line: result.line }) })));
    }
  }

  // append adds an entry; the log follows its end once the lines being
  // run are all in (a share link's 3,000 lines laid the log out 3,000
  // times, each longer).
  append(node) {
    this.log.append(node);
    if (!this.stick || this.following) return;
    this.following = true;
    queueMicrotask(() => {
      this.following = false;
      if (this.stick) this.log.scrollTop = this.log.scrollHeight;
    });
  }

  // setDown shows that the host crashed (net> crash) until it reboots; a
  // crashed host has no blocked call, so setPending has cleared the line.
  setDown(down) {
    this.element.classList.toggle('is-down', down);
    if (!down) return;
    replace(this.status, h('span', { text: t('console.down', '{host} is down (crashed): net> reboot {host} brings it back', { host: this.host }) }));
    this.status.hidden = false;
  }

  // setBusy says what a long line is doing while it runs (a crowd's
  // progress), or clears it.
  setBusy(text) {
    this.element.classList.toggle('is-busy', !!text);
    if (!text) {
      this.status.hidden = true;
      return;
    }
    replace(this.status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'busy-text', text }));
    this.status.hidden = false;
  }

  // setPending shows what the host is blocked in, or clears it.
  setPending(pending) {
    for (const e of this.log.querySelectorAll('.entry.blocked')) {
      if (!pending || Number(e.dataset.line) !== pending.line) e.classList.remove('blocked');
    }
    if (!pending) {
      this.status.hidden = true;
      this.element.classList.remove('is-blocked');
      return;
    }
    const entry = this.entries.get(pending.line);
    entry?.classList.add('blocked');
    entry?.setAttribute('data-blocked', t('console.blocked-mark', 'blocked…'));
    replace(this.status,
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', {}, ...blockedIn(pending)));
    this.status.hidden = false;
    this.element.classList.add('is-blocked');
  }

  clear() {
    this.log.replaceChildren();
    this.entries.clear();
    this.setPending(null);
    this.stick = true;
  }
}

// blockedIn says what a host waits in: "blocked in accept(s) — on …".
function blockedIn(pending) {
  const [before, after] = t('console.blocked', 'blocked in {call}…').split('{call}');
  return [before, h('code', { text: pending.text }), pending.on ? ` — ${pending.on}` : '', after ?? ''];
}
