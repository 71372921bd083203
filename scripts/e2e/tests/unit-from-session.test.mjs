import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionNotebook } from '../../../site/js/notebook/from-session.mjs';

test('a session becomes cells that break after each stretch of net> lines', () => {
  const script = 'server> s = socket(AF_INET, SOCK_STREAM)\n# a note\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> step\nnet> run\nserver> ss\n';
  assert.equal(sessionNotebook({ seed: '42', script }), [
    '---', 'title: A playground session', 'seed: 42', '---',
    'The lines typed in the playground, in cells that run in order from the',
    'seed above. Add text between them to tell what happens.', '',
    '```sock id=step-1',
    'server> s = socket(AF_INET, SOCK_STREAM)', '# a note', 'server> listen(s, 5)',
    'client> c = socket(AF_INET, SOCK_STREAM)', 'client> connect(c, server:80)', 'net> step', 'net> run',
    '```', '',
    '```sock id=step-2', 'server> ss', '```', '',
  ].join('\n'));
});

test('an empty session is a notebook without cells', () => {
  assert.match(sessionNotebook({ seed: '1', script: '' }), /seed: 1\n---\n[^`]*$/);
});
