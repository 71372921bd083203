// The TCP engine: Go compiled to WebAssembly (wasm/), reached through
// globalThis.sockplay. Every bridge call answers JSON {value} or {error};
// this wrapper turns errors into exceptions.

export class BridgeError extends Error {
  constructor(info) {
    super(info?.message ?? 'engine error');
    this.name = 'BridgeError';
    this.method = info?.method;
    this.panic = !!info?.panic;
    this.recovered = info?.recovered;
  }
}

export class Engine {
  constructor(api) { this.api = api; }

  call(name, ...args) {
    const raw = this.api[name](...args);
    if (raw instanceof Uint8Array) return raw;
    const reply = JSON.parse(raw);
    if (reply.error) throw new BridgeError(reply.error);
    return reply.value;
  }

  newSession(seed) { return this.call('newSession', String(seed)); }
  exec(line) { return this.call('exec', line); }
  execOn(host, stmt) { return this.call('execOn', host, stmt); }
  // execOnAsync is execOn for a line that runs long (a crowd), the page
  // live meanwhile: onProgress(done, total) between slices of its work.
  async execOnAsync(host, stmt, onProgress) {
    const raw = await new Promise((resolve) => {
      const refused = this.api.execOnAsync(host, stmt, onProgress, resolve);
      if (refused) resolve(refused);
    });
    const reply = JSON.parse(raw);
    if (reply.error) throw new BridgeError(reply.error);
    return reply.value;
  }
  complete(line, cursor) { return this.call('complete', line, cursor); }
  help(topic = '', table = '') { return table ? this.call('help', topic, table) : this.call('help', topic); }
  undo() { return this.call('undo'); }
  goto(n) { return this.call('goto', n); }
  reset() { return this.call('reset'); }
  history() { return this.call('history'); }
  script() { return this.call('script'); }
  // load runs a whole script; the outputs come without their events
  // (the page reads the trace once after: traceBrief).
  load(script) { return this.call('load', script, false); }
  state() { return this.call('state'); }
  trace(since = 0) { return this.call('trace', since); }
  // A crowd's clients summed up (wasm/README.md, "Crowds").
  traceBrief(since = 0) { return this.call('traceBrief', since); }
  crowdView() { return this.call('crowdView'); }
  crowdClient(host, n) { return this.call('crowdClient', host, n); }
  tcpdump(host = '', absolute = false) { return this.call('tcpdump', host, absolute); }
  pcap(host = '') { return this.call('pcap', host); }
  packet(id) { return this.call('packet', id); }
  examples() { return this.call('examples'); }
  setAbsolute(on) { return this.call('setAbsolute', on); }

  // The TCP analysis (wasm/README.md): expert tags, conversations, display
  // filters, graph data per direction, follow stream.
  expert() { return this.call('expert'); }
  captureTags(host) { return this.call('captureTags', host); }
  conversations() { return this.call('conversations'); }
  displayFilter(text) { return this.call('displayFilter', text); }
  stream(conv, reverse) { return this.call('stream', conv, reverse); }
  follow(conv) { return this.call('follow', conv); }

  // The notebook engine's document (sockplay-notebook.wasm; nbOpen also in
  // sockplay-exercise.wasm; wasm/README.md, "Notebooks"): edits answer {doc}
  // or {problems}, runs a Run.
  nbOpen(text) { return this.call('nbOpen', text); }
  nbSetCell(id, source) { return this.call('nbSetCell', id, source); }
  nbSetPart(index, text) { return this.call('nbSetPart', index, text); }
  nbSetFront(yaml) { return this.call('nbSetFront', yaml); }
  nbText() { return this.call('nbText'); }
  nbRunTo(id) { return this.call('nbRunTo', id); }
  nbRunAll() { return this.call('nbRunAll'); }
  nbStamp() { return this.call('nbStamp'); }

  // The exercise engine (sockplay-exercise.wasm; wasm/README.md,
  // "Exercises"): the learner's run, goals checked after every line.
  exOpen(text, learner) { return this.call('exOpen', text, learner); }
  exExec(line) { return this.call('exExec', line); }
  exAnswer(id, value) { return this.call('exAnswer', id, value); }
  exScore() { return this.call('exScore'); }
  exLines() { return this.call('exLines'); }
  // The teacher's side: a draft from a session, the authoring check.
  exDraft(title, seed, script, setup) { return this.call('exDraft', title, String(seed), script, setup); }
  exCheck(text) { return this.call('exCheck', text); }
  exTryGoal(text, goal) { return this.call('exTryGoal', text, goal); }

  // The packetdrill page's runner (sockplay-pkt.wasm; wasm/README.md).
  pktRun(file, source, seed = 1) { return this.call('pktRun', file, source, String(seed)); } // sockplay-pkt.wasm only
}

// loadEngine starts the Go program and waits for it to install its API.
// source is the wasm's URL, or a function returning its Response (the
// single-file notebook carries it). onExit is told if the Go program ever
// stops (it should not).
export async function loadEngine(source = 'sockplay.wasm', onExit = () => {}) {
  if (typeof Go !== 'function') throw new Error('wasm_exec.js did not load');
  const get = typeof source === 'function' ? source : () => fetch(source);
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(get(), go.importObject);
  } catch (streamingError) {
    // Some static hosts serve .wasm without application/wasm.
    const bytes = await (await get()).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  performance.mark('sockplay-compiled');
  go.run(result.instance).then(() => onExit(new Error('the engine stopped')), onExit);
  performance.mark('sockplay-started');
  if (!globalThis.sockplay) throw new Error('the engine did not start');
  return new Engine(globalThis.sockplay);
}
