// Autosave: one IndexedDB record per document key, holding the edited text
// and the text it was edited from (the shipped or opened base), so a
// changed shipped notebook is never silently shadowed by an old copy.

import { keyValueStore } from '../idb.mjs';

const DB = 'sockplay-notebooks';
const STORE = 'drafts';

const request = keyValueStore(DB, STORE);

// loadDraft is {text, base, saved} for key, or undefined.
export const loadDraft = (key) => request('readonly', (s) => s.get(key));
export const saveDraft = (key, text, base) => {
  askToPersist();
  return request('readwrite', (s) => s.put({ text, base, saved: Date.now() }, key));
};

// askToPersist asks once that the browser never evicts the drafts when
// space runs short (it may say no; the drafts are still kept).
let asked = false;
function askToPersist() {
  if (asked) return;
  asked = true;
  navigator.storage?.persist?.().catch(() => {});
}
export const dropDraft = (key) => request('readwrite', (s) => s.delete(key));

// lineDiff marks each line of a and b kept, removed or added (longest
// common subsequence; notebooks are a few hundred lines).
export function lineDiff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { out.push({ op: ' ', text: x[i] }); i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push({ op: '+', text: y[j++] });
    else out.push({ op: '-', text: x[i++] });
  }
  return out;
}
