// A playground session as a notebook: its seed in the front matter, its
// lines in sock cells, a new cell after each stretch of net> lines (where
// the network moved, the story usually turns), so that the cells read as
// steps.

// sessionNotebook is the .md text of the session with seed and script
// (the engine's script(): one line each).
export function sessionNotebook({ seed, script }) {
  const cells = [];
  let cell = [];
  let afterNet = false;
  for (const line of script.split('\n')) {
    if (line.trim() === '') continue;
    const isNet = /^\s*net>/.test(line);
    if (afterNet && !isNet && cell.length) {
      cells.push(cell);
      cell = [];
    }
    cell.push(line);
    afterNet = isNet;
  }
  if (cell.length) cells.push(cell);
  const body = cells.map((lines, i) => `\`\`\`sock id=step-${i + 1}\n${lines.join('\n')}\n\`\`\`\n`);
  return `---\ntitle: A playground session\nseed: ${seed}\n---\nThe lines typed in the playground, in cells that run in order from the\nseed above. Add text between them to tell what happens.\n\n${body.join('\n')}`;
}
