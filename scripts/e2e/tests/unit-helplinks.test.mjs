import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpRuns } from '../../../site/js/helplinks.mjs';

test('an index row\'s name and a `help NAME` mention link to their topic; other words stay text', () => {
  const topics = new Set(['connect', 'TIME-WAIT', 'seq']);
  const text = 'Socket calls:\n  connect(fd, addr)   connect a socket\n  bogus(x)  not a topic\nIdeas:\n  TIME-WAIT  why the side that closes first waits\nsee `help seq` and `help NAME`.\n';
  const runs = helpRuns(text, topics);
  assert.equal(runs.map((r) => r.text).join(''), text, 'the text is kept whole');
  assert.deepEqual(runs.filter((r) => r.topic).map((r) => [r.text, r.topic]), [['connect', 'connect'], ['TIME-WAIT', 'TIME-WAIT'], ['seq', 'seq']]);
  assert.deepEqual(helpRuns('', topics), []);
});
