// The help dialog's links: in the engine's help text, an index row's name
// and a `help NAME` mention open that topic's page (the topics are the
// engine's, as completion lists them after "help ").

// helpRuns splits text into [{text, topic}] runs; a run with a topic is
// a link to it.
export function helpRuns(text, topics) {
  const runs = [];
  const push = (s, topic = null) => {
    if (!s) return;
    const last = runs[runs.length - 1];
    if (!topic && last && !last.topic) last.text += s;
    else runs.push({ text: s, topic });
  };
  for (const line of text.split(/(?<=\n)/)) {
    const row = /^( {2})([A-Za-z_][\w.-]*)/.exec(line);
    let rest = line;
    if (row && topics.has(row[2])) {
      push(row[1]);
      push(row[2], row[2]);
      rest = line.slice(row[0].length);
    }
    let last = 0;
    for (const m of rest.matchAll(/`help ([\w.-]+)`/g)) {
      if (!topics.has(m[1])) continue;
      const at = m.index + '`help '.length;
      push(rest.slice(last, at));
      push(m[1], m[1]);
      last = at + m[1].length;
    }
    push(rest.slice(last));
  }
  return runs;
}
