// Which cells show what their source does: a cell's output is a pure
// function of the seed, the network settings and the sources of the cells
// up to it (the engine replays them in order from a fresh session), so an
// output stays good exactly while that key is unchanged. Undoing an edit
// makes the outputs after it good again; nothing else can.

// cellKeys maps each cell id of doc to the key its output depends on.
export function cellKeys(doc) {
  const keys = new Map();
  let key = JSON.stringify([doc.seed, doc.settings ?? []]);
  for (const p of doc.parts) {
    if (p.kind !== 'cell') continue;
    key += '\u0000' + p.source;
    keys.set(p.id, key);
  }
  return keys;
}

// cellStates maps each cell id of doc to its state: "never" (no output),
// "fresh" or "failed" (its output is what its source does now; failed:
// a line was refused), "edited" (its own source changed since it ran) or
// "stale" (something before it changed). runs maps a cell id to the
// {key, source, failed} it last ran with.
export function cellStates(doc, runs) {
  const keys = cellKeys(doc);
  const states = new Map();
  for (const p of doc.parts) {
    if (p.kind !== 'cell') continue;
    const run = runs.get(p.id);
    if (!run) states.set(p.id, 'never');
    else if (run.key === keys.get(p.id)) states.set(p.id, run.failed ? 'failed' : 'fresh');
    else states.set(p.id, run.source === p.source ? 'stale' : 'edited');
  }
  return states;
}
