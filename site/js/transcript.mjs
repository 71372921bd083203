// One executed line as the consoles show it: what was typed, what it
// printed (tables keep their columns), its error with a caret under the
// column and a hint. The playground's consoles and the notebook's cells
// both draw lines with renderEntry, into whatever container they own.

import { safeNodes } from './safetext.mjs';
import { h } from './dom.mjs';
import { caret } from './format.mjs';
import { errnoHint } from './causes.mjs';
import { t, engineText } from './i18n.mjs';
import { localName } from './names.mjs';

// renderEntry builds the element for output (an exec reply). typed is the
// statement as the user wrote it (default: output.input without its
// "host>" prefix); prompt is drawn before it ("server>").
export function renderEntry(output, { typed, prompt }) {
  const ok = !output.error;
  const stmt = typed ?? stripPrefix(output.input ?? '');
  const entry = h('div', { class: `entry${ok ? '' : ' failed'}` },
    h('div', { class: 'in' },
      h('span', { class: 'p', text: prompt }),
      h('span', { class: 'stmt' }, safeNodes(stmt)),
      output.line ? h('span', { class: 'lineno', text: `#${output.line}`, title: t('transcript.line', 'line {n} of the session', { n: output.line }) }) : null));
  if (output.line) entry.dataset.line = output.line;
  if (output.lines?.length) {
    // Tables (ss, tcpdump) keep their columns and scroll; prose wraps.
    // A narrow console (a phone, presentation mode) wraps a table's rows
    // between columns, each row's rest indented under it: one row a block.
    const table = output.lines.filter((l) => /\S {2,}\S/.test(l)).length >= 2;
    const text = table ? output.lines.map((l) => h('span', { class: 'row' }, safeNodes(l), '\n')) : safeNodes(output.lines.join('\n'));
    // A table may scroll sideways: a keyboard reaches it (tabindex).
    entry.append(h('pre', { class: `out${table ? ' table' : ''}${output.errno ? ' errno' : ''}`, tabindex: table ? '0' : null }, text));
  }
  if (output.errno) {
    // The call ran and returned -1: the engine names the errno.
    entry.classList.add('call-failed');
    const hint = renderErrnoHint(stmt, output.errno);
    if (hint) entry.append(hint);
  }
  if (output.error) entry.append(...errorParts(output.error, prompt));
  return entry;
}

// renderLate is a blocked call's result, shown under the call's entry (or
// inline, as a span, in a notice far from it).
export function renderLate(result, tag = 'div') {
  return h(tag, { class: result.errno ? 'late errno' : 'late' }, safeNodes(`↳ ${stripPrefix(result.text)}`));
}

// renderErrnoHint says what usually causes errno for the call in stmt,
// after the errno's usual name in the page's language when it has one
// (ECONNREFUSED（连接被拒绝）), or returns null when there is neither.
export function renderErrnoHint(stmt, errno) {
  const hint = errnoHint(stmt, errno);
  const local = localName(errno);
  if (!hint && !local) return null;
  return h('div', { class: 'hint errno-hint' },
    local ? h('span', { class: 'errno-name', text: `${errno}（${local}）` }) : null,
    hint ? h('span', { class: 'hint-label', text: t('transcript.usually', 'usually: ') }) : null,
    hint ? withCode(hint) : null);
}

function errorParts(err, prompt) {
  const parts = [];
  if (err.col > 0) {
    parts.push(h('pre', { class: 'caret', 'aria-hidden': 'true', text: ' '.repeat(prompt.length + 1) + caret(err.col) }));
  }
  parts.push(h('div', { class: 'err' },
    h('span', { class: 'err-label', text: t('transcript.error', 'error') }),
    err.col > 0 ? t('transcript.column', ' column {col}: ', { col: err.col }) : ' ',
    withCode(engineText(err.message, err.ref))));
  if (err.hint) parts.push(h('div', { class: 'hint' }, h('span', { class: 'hint-label', text: t('transcript.hint', 'hint: ') }), withCode(engineText(err.hint, err.hintRef))));
  return parts;
}

// withCode shows `quoted` words of a message as code (as text, never HTML).
export function withCode(text) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? h('code', {}, safeNodes(part)) : safeNodes(part)));
}

// stripPrefix turns "client> connect(…)" into "connect(…)".
export function stripPrefix(line) {
  const m = /^\s*[A-Za-z][\w-]*>\s?(.*)$/s.exec(line);
  return m ? m[1] : line;
}
