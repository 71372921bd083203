// Timeline keeps the lines that undo or time travel rewound past, so the
// slider can move forward again: redo replays them, which gives the same
// session as before (replay is deterministic). Typing a different line
// starts a new branch and forgets them.
export class Timeline {
  constructor() { this.future = []; }

  // rewound records that the session went from `history` back to its first n lines.
  rewound(history, n) {
    if (n < history.length) this.future = history.slice(n).concat(this.future);
  }

  // forward removes and returns the next count lines to replay.
  forward(count) { return this.future.splice(0, Math.max(0, count)); }

  // typed tells that line was accepted: it continues the future if it is
  // the next line there, otherwise it starts a new branch.
  typed(line) {
    if (this.future[0] === line) this.future.shift();
    else this.future = [];
  }

  clear() { this.future = []; }
}
