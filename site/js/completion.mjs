// Tab completion for a line being typed, in a console's prompt or on the
// cursor's line of a notebook cell: the engine answers {from, candidates}
// for the line; one candidate (or the candidates' common prefix) is
// inserted, several are listed as buttons under the input.

import { h, replace } from './dom.mjs';
import { commonPrefix } from './format.mjs';

export class Completer {
  // input: an <input> or a <textarea> (its cursor's line is completed);
  // list: the .completions element; complete(line, cursor) → {from,
  // candidates}, offsets in the line.
  constructor(input, list, complete) {
    this.input = input;
    this.list = list;
    this.completeFn = complete;
    input.addEventListener('input', () => this.hide());
  }

  // lineAt is the cursor's line of the input: its text, where it starts
  // in the value and the cursor's offset in it.
  lineAt() {
    const value = this.input.value;
    const cursor = this.input.selectionStart ?? value.length;
    const start = value.lastIndexOf('\n', cursor - 1) + 1;
    const end = value.indexOf('\n', cursor);
    return { start, text: value.slice(start, end < 0 ? value.length : end), cursor: cursor - start };
  }

  // wants says whether Tab should complete: the line has text before the
  // cursor. Elsewhere Tab moves the focus, as it does on any page.
  wants() {
    const { text, cursor } = this.lineAt();
    return text.slice(0, cursor).trim() !== '';
  }

  complete() {
    const line = this.lineAt();
    let result;
    try {
      result = this.completeFn(line.text, line.cursor);
    } catch {
      return;
    }
    const { from, candidates } = result ?? {};
    if (!candidates?.length) return;
    const start = Math.max(0, Math.min(from, line.cursor));
    const insert = candidates.length === 1 ? candidates[0] : commonPrefix(candidates);
    if (insert.length > line.cursor - start) this.put(line.start + start, line.start + line.cursor, insert);
    if (candidates.length > 1) this.show(candidates, line.start + start);
  }

  // put replaces the value's [from, to) with text and puts the cursor
  // after it; the input event tells the page the value changed.
  put(from, to, text) {
    const value = this.input.value;
    this.input.value = value.slice(0, from) + text + value.slice(to);
    const at = from + text.length;
    this.input.setSelectionRange(at, at);
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  show(candidates, start) {
    const items = candidates.slice(0, 40).map((c) => h('button', {
      type: 'button', class: 'candidate', role: 'option', text: c,
      onclick: () => {
        this.put(start, this.input.selectionStart ?? this.input.value.length, c);
        this.hide();
        this.input.focus();
      },
    }));
    replace(this.list, items, candidates.length > 40 ? h('span', { class: 'more', text: `… ${candidates.length - 40} more` }) : null);
    this.list.hidden = false;
  }

  hide() {
    if (!this.list.hidden) this.list.hidden = true;
  }
}
