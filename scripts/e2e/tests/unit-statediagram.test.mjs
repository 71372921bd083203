import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalState, nodeFor, findEdge, NODES, EDGES } from '../../../site/js/statediagram.mjs';

test('every spelling of a state finds its node', () => {
  assert.equal(normalState('ESTAB'), 'ESTABLISHED');
  assert.equal(normalState('syn_recv'), 'SYN-RECEIVED');
  assert.equal(normalState('Time Wait'), 'TIME-WAIT');
  assert.equal(normalState('FIN-WAIT-1'), 'FIN-WAIT-1');
  assert.equal(nodeFor('NOT-A-STATE'), null);
});

test('CLOSED after closing is the bottom CLOSED, as in Figure 5', () => {
  assert.equal(nodeFor('CLOSED'), 'CLOSED');
  assert.equal(nodeFor('CLOSED', 'TIME-WAIT'), 'CLOSED-END');
  assert.equal(nodeFor('CLOSED', 'LAST-ACK'), 'CLOSED-END');
});

test('the transitions of RFC 9293 Figure 5 are edges; others are not', () => {
  for (const [from, to] of [['CLOSED', 'LISTEN'], ['CLOSED', 'SYN-SENT'], ['LISTEN', 'SYN-RECEIVED'], ['SYN-SENT', 'ESTABLISHED'],
    ['SYN-RECEIVED', 'ESTABLISHED'], ['ESTABLISHED', 'FIN-WAIT-1'], ['ESTABLISHED', 'CLOSE-WAIT'], ['FIN-WAIT-1', 'FIN-WAIT-2'],
    ['FIN-WAIT-1', 'CLOSING'], ['FIN-WAIT-2', 'TIME-WAIT'], ['CLOSING', 'TIME-WAIT'], ['CLOSE-WAIT', 'LAST-ACK'],
    ['LAST-ACK', 'CLOSED'], ['TIME-WAIT', 'CLOSED'], ['SYN-SENT', 'SYN-RECEIVED']]) {
    assert.ok(findEdge(from, to), `${from} → ${to}`);
  }
  assert.equal(findEdge('ESTABLISHED', 'CLOSED'), null, 'a reset is not in the figure');
  for (const [from, to] of EDGES) {
    assert.ok(NODES[from] && NODES[to], `${from} → ${to} joins known nodes`);
  }
});
