// InputHistory is a console's ↑/↓ recall, like a shell's: the line being
// typed is kept while browsing and comes back below the newest entry.
export class InputHistory {
  constructor(limit = 500) {
    this.entries = [];
    this.limit = limit;
    this.pos = 0;
    this.draft = '';
  }

  push(line) {
    if (line.trim() === '') return;
    if (this.entries.at(-1) !== line) this.entries.push(line);
    if (this.entries.length > this.limit) this.entries.shift();
    this.pos = this.entries.length;
    this.draft = '';
  }

  // up returns the older entry, or null at the oldest.
  up(current) {
    if (this.pos === 0) return null;
    if (this.pos === this.entries.length) this.draft = current;
    this.pos--;
    return this.entries[this.pos];
  }

  // down returns the newer entry, the draft past the newest, or null.
  down() {
    if (this.pos >= this.entries.length) return null;
    this.pos++;
    return this.pos === this.entries.length ? this.draft : this.entries[this.pos];
  }
}
