// Progress, kept in IndexedDB per exercise and learner: the lines typed,
// the answers, the hints revealed and the status the list shows. It
// survives reloads and works offline; Export and Import move it as one file.

import { keyValueStore } from '../idb.mjs';

const DB = 'sockplay-exercises';
const STORE = 'progress';

const request = keyValueStore(DB, STORE);

export const progressKey = (id, learner) => `${id}\u0000${learner}`;
export const loadProgress = (id, learner) => request('readonly', (s) => s.get(progressKey(id, learner)));
export const saveProgress = (id, learner, p) => request('readwrite', (s) => s.put({ ...p, id, learner, saved: Date.now() }, progressKey(id, learner)));
// The store also keeps the page's settings (setting:NAME: the learner id,
// the author's draft): allProgress returns the progress records only.
const isProgress = (r) => typeof r?.id === 'string' && typeof r?.learner === 'string' && Array.isArray(r.lines);
export const allProgress = () => request('readonly', (s) => s.getAll()).then((all) => all.filter(isProgress));
export const loadSetting = (name) => request('readonly', (s) => s.get(`setting:${name}`));
export const saveSetting = (name, value) => request('readwrite', (s) => s.put(value, `setting:${name}`));

// importProgress stores every record of an exported file; a file that
// is not one changes nothing.
export async function importProgress(records) {
  if (!Array.isArray(records) || !records.every(isProgress)) throw new Error('not a sockplay progress file');
  for (const r of records) await saveProgress(r.id, r.learner, r);
}

// statusOf is what the list shows: new, started, solved or par.
export function statusOf(p) {
  if (!p || (!p.lines?.length && !Object.keys(p.answers ?? {}).length)) return 'new';
  if (p.atPar) return 'par';
  return p.solved ? 'solved' : 'started';
}
