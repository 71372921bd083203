// The page in the learner's language: texts are written in English in the
// code, t(ID, ENGLISH, ARGS) with ENGLISH like 'line {n} of {total}', and looked up by ID in the
// language's catalogue (i18n/ui.zh-CN.json: ICU MessageFormat in JSON,
// core/i18n/doc.go), fetched only when that language is chosen. The
// engine's output, the socket API, errno names, states and tcpdump lines
// are never translated.

export const LANGS = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '中文' },
];
const STORE_KEY = 'sockplay-lang';
// DOMAINS are the catalogue files of a language (core/i18n/catalogues),
// their ids apart by prefix.
const DOMAINS = ['ui', 'examples', 'help', 'engine'];

let lang = 'en';
let messages = {}; // id -> message of the current language; {} for English
const listeners = new Set();

export function currentLang() { return lang; }

// matchLang maps a BCP 47 tag ("zh-Hans-CN", "zh-TW", "en-GB") to a
// language the page has: any Chinese is zh-CN (its one Chinese catalogue).
export function matchLang(tag) {
  return /^zh(?:[-_.]|$)/i.test(String(tag ?? '').trim()) ? 'zh-CN' : 'en';
}

// pickLang: an explicit choice (a link's lang, then the one the learner
// switched to on this page), else the browser's first preference.
export function pickLang({ explicit = '', stored = '', languages = [] } = {}) {
  for (const tag of [explicit, stored]) {
    if (LANGS.some((l) => l.tag === tag)) return tag;
  }
  return languages.length ? matchLang(languages[0]) : 'en';
}

// initialLang reads the URL's ?lang=, the stored choice and navigator.languages.
export function initialLang(url = globalThis.location?.href) {
  let explicit = '';
  try { explicit = new URL(url).searchParams.get('lang') ?? ''; } catch { /* no URL */ }
  let stored = '';
  try { stored = globalThis.localStorage?.getItem(STORE_KEY) ?? ''; } catch { /* storage blocked */ }
  return pickLang({ explicit, stored, languages: globalThis.navigator?.languages ?? [] });
}

// setLang fetches the catalogue (base: where i18n/ is, relative to the
// page), applies it to the document and tells every listener, which
// redraw what they drew. remember keeps it as the learner's choice.
export async function setLang(tag, { remember = false, base = '' } = {}) {
  const next = LANGS.some((l) => l.tag === tag) ? tag : 'en';
  let table = {};
  if (next !== 'en') {
    const parts = await Promise.all(DOMAINS.map(async (domain) => {
      const res = await fetch(`${base}i18n/${domain}.${next}.json`);
      if (!res.ok) throw new Error(`no ${next} catalogue for ${domain} (${res.status})`);
      return res.json();
    }));
    table = Object.assign({}, ...parts);
  }
  lang = next;
  messages = table;
  if (remember) {
    try { localStorage.setItem(STORE_KEY, next); } catch { /* storage blocked */ }
  }
  if (globalThis.document) {
    document.documentElement.lang = next;
    applyDom(document);
  }
  for (const fn of listeners) fn(next);
  return next;
}

// onLangChange calls fn(lang) after every switch.
export function onLangChange(fn) { listeners.add(fn); }

// t is message id in the current language, English en when the
// catalogue lacks it; args fill {name} and {n, plural, …}.
export function t(id, en, args = {}) {
  const msg = messages[id];
  return msg === undefined ? format('en', en, args) : format(lang, msg, args);
}

// helpTable is the help pages' texts in the current language for the
// engine's help(topic, table), one "id<TAB>text" a line with \n, \t and
// \\ escaped (wasm/helptable.go), or '' in English. Help texts are plain
// text, not ICU messages: the engine lays them out itself.
let helpCache = null;
export function helpTable() {
  if (lang === 'en') return '';
  if (helpCache?.lang !== lang) {
    const lines = Object.entries(messages).filter(([id]) => id.startsWith('help.'))
      .map(([id, text]) => `${id}\t${text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}`);
    helpCache = { lang, table: lines.join('\n') };
  }
  return helpCache.table;
}

// engineText is a text the engine wrote in English, in the current
// language when the engine named it (ref: {id, args}, script.Ref) and
// the catalogue has it; its {0}, {1}, … are the ref's args.
export function engineText(english, ref) {
  const m = ref && messages[`engine.${ref.id}`];
  if (!m) return english ?? '';
  return format(lang, m, Object.fromEntries((ref.args ?? []).map((a, i) => [String(i), a])));
}

// msg marks a text for translation without translating it yet (for
// tables built when the module loads): tr(msg(...)) translates it.
export function msg(id, en) { return { id, en }; }
export function tr(m, args) { return m ? t(m.id, m.en, args) : ''; }

// ---- ICU MessageFormat, the subset the catalogues use -------------------
// Arguments {name}; {n, plural, =0 {…} one {…} other {…}} with # for the
// number; '' is an apostrophe and '{…}' quotes syntax characters. The Go
// side (core/i18n/format.go) reads the same subset and checks every message.

const rulesCache = new Map();
function pluralCategory(tag, n) {
  if (!rulesCache.has(tag)) rulesCache.set(tag, new Intl.PluralRules(tag));
  return rulesCache.get(tag).select(n);
}

export function format(tag, message, args = {}) {
  const out = [];
  parseInto(String(message), 0, false, (piece) => out.push(piece), tag, args, '');
  return out.join('');
}

// parseInto writes message from i until an unmatched '}' or its end and
// returns the index it stopped at.
function parseInto(s, i, inPlural, emit, tag, args, number) {
  while (i < s.length) {
    const c = s[i];
    if (c === "'") {
      if (s[i + 1] === "'") { emit("'"); i += 2; continue; }
      if (s[i + 1] === '{' || s[i + 1] === '}' || (inPlural && s[i + 1] === '#')) {
        const end = s.indexOf("'", i + 1);
        if (end < 0) { emit(s.slice(i)); return s.length; }
        emit(s.slice(i + 1, end)); i = end + 1; continue;
      }
      emit(c); i++; continue;
    }
    if (c === '#' && inPlural) { emit(number); i++; continue; }
    if (c === '}') return i;
    if (c === '{') { i = argument(s, i + 1, emit, tag, args); continue; }
    emit(c); i++;
  }
  return i;
}

function argument(s, i, emit, tag, args) {
  const m = /^\s*(\w+)\s*(,\s*plural\s*,)?/.exec(s.slice(i));
  if (!m) { emit('{'); return i; }
  const name = m[1];
  i += m[0].length;
  if (!m[2]) {
    const close = s.indexOf('}', i);
    emit(name in args ? String(args[name]) : `{${name}}`);
    return close < 0 ? s.length : close + 1;
  }
  const n = Number(args[name]);
  const category = Number.isFinite(n) ? pluralCategory(tag, n) : 'other';
  let chosen = null; let other = null;
  for (;;) {
    const sel = /^\s*(=\d+|\w+)\s*\{/.exec(s.slice(i));
    if (!sel) break;
    const start = i + sel[0].length;
    const pieces = [];
    const end = parseInto(s, start, true, (p) => pieces.push(p), tag, args, String(args[name] ?? ''));
    if (sel[1] === `=${n}`) chosen = pieces; // an exact =N wins over the category
    else if (sel[1] === category && !chosen) chosen = pieces;
    if (sel[1] === 'other') other = pieces;
    i = end + 1;
  }
  for (const p of chosen ?? other ?? []) emit(p);
  const close = s.indexOf('}', i);
  return close < 0 ? s.length : close + 1;
}

// ---- the document ---------------------------------------------------------
// index.html marks texts with data-i18n="id" (the element's text; child
// elements stand in the message as {0}, {1}, … and keep their place) and
// attributes with data-i18n-title, data-i18n-label (aria-label) and
// data-i18n-placeholder. The English is read from the page the first time.

const ATTRS = [['i18nTitle', 'title'], ['i18nLabel', 'aria-label'], ['i18nPlaceholder', 'placeholder']];
const english = new WeakMap(); // element -> {text, children, attrs}

export function applyDom(root) {
  for (const el of root.querySelectorAll('[data-i18n], [data-i18n-title], [data-i18n-label], [data-i18n-placeholder]')) {
    if (!english.has(el)) english.set(el, readEnglish(el));
    const en = english.get(el);
    if (el.dataset.i18n) {
      const text = t(el.dataset.i18n, en.text);
      el.replaceChildren(...text.split(/\{(\d+)\}/).map((p, k) => (k % 2 ? en.children[Number(p)] ?? '' : p)).filter((p) => p !== ''));
    }
    for (const [key, attr] of ATTRS) {
      if (el.dataset[key]) el.setAttribute(attr, t(el.dataset[key], en.attrs[attr]));
    }
  }
}

function readEnglish(el) {
  const children = [];
  let text = '';
  for (const node of el.childNodes) {
    if (node.nodeType === 1) text += `{${children.push(node) - 1}}`;
    else text += node.textContent;
  }
  const attrs = {};
  for (const [, attr] of ATTRS) attrs[attr] = el.getAttribute(attr) ?? '';
  return { text, children, attrs };
}
