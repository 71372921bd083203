// Stepping through a packetdrill run (pure, tested without a browser): the
// script lines that are steps, and the trace up to one of them.

// stepLines is the lines the trace names (each event carries the script
// line that caused it), in order, plus the failing line: the places to stop.
export function stepLines(lines, report) {
  const set = new Set(report.events.map((e) => e.line).filter((n) => n > 0 && n <= lines.length));
  if (!report.pass && report.error.line > 0) set.add(report.error.line);
  return [...set].sort((a, b) => a - b);
}

// eventsUpTo is the trace as it stood once line had run.
export function eventsUpTo(events, line) {
  return events.filter((e) => e.line <= line);
}
