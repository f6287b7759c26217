import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import { type DocumentLines, type PlannedEdit, type Range, planEdits } from '../../../src/extension/outputEdits';

function documentOf(text: string, eol: '\n' | '\r\n' = '\n'): DocumentLines {
  const lines = text.split(eol);
  return { lineText: (line) => lines[line], eol };
}

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Applies planned edits to `text` from the last to the first, as an editor would. */
function apply(text: string, edits: readonly PlannedEdit[], eol: '\n' | '\r\n' = '\n'): string {
  const lines = text.split(eol);
  const offset = (line: number, character: number) =>
    lines.slice(0, line).reduce((sum, item) => sum + item.length + eol.length, 0) + character;
  let result = text;
  for (const edit of [...edits].reverse()) {
    const start = offset(edit.range.start.line, edit.range.start.character);
    const end = offset(edit.range.end.line, edit.range.end.character);
    result = result.slice(0, start) + edit.text + result.slice(end);
  }
  return result;
}

test('replace mode swaps each selection', () => {
  const text = 'Hello world. Good night.';
  const selections = [range(0, 13, 0, 24), range(0, 0, 0, 12)];
  const edits = planEdits('replace', selections, ['Bonne nuit.', 'Bonjour le monde.'], documentOf(text));
  assert.deepEqual(edits, [
    { range: range(0, 0, 0, 12), text: 'Bonjour le monde.' },
    { range: range(0, 13, 0, 24), text: 'Bonne nuit.' },
  ]);
  assert.equal(apply(text, edits), 'Bonjour le monde. Bonne nuit.');
});

test('show mode plans no edits', () => {
  assert.deepEqual(planEdits('show', [range(0, 0, 0, 5)], ['Salut'], documentOf('Hello')), []);
});

test('insertBelow keeps indentation of first line', () => {
  const text = 'def f():\n    # Hello world.\n    return 1';
  const edits = planEdits('insertBelow', [range(1, 6, 1, 18)], ['Bonjour le monde.'], documentOf(text));
  assert.deepEqual(edits, [{ range: range(1, 18, 1, 18), text: '\n    Bonjour le monde.' }]);
  assert.equal(apply(text, edits), 'def f():\n    # Hello world.\n    Bonjour le monde.\n    return 1');
});

test('insertBelow does not double selected indentation', () => {
  const text = '  Hello.\n  Bye.';
  const edits = planEdits('insertBelow', [range(0, 0, 1, 6)], ['  Salut.\n  Au revoir.'], documentOf(text));
  assert.equal(apply(text, edits), '  Hello.\n  Bye.\n  Salut.\n  Au revoir.');
});

test('insertBelow uses line before when selection ends at column 0', () => {
  const text = 'Hello.\nBye.\nEnd';
  const edits = planEdits('insertBelow', [range(0, 0, 1, 0)], ['Salut.\n'], documentOf(text));
  assert.deepEqual(edits, [{ range: range(0, 6, 0, 6), text: '\nSalut.\n' }]);
  assert.equal(apply(text, edits), 'Hello.\nSalut.\n\nBye.\nEnd');
});

test('insertBelow merges selections on same line in order', () => {
  const text = 'One. Two.\nThree.';
  const selections = [range(0, 5, 0, 9), range(0, 0, 0, 4), range(1, 0, 1, 6)];
  const edits = planEdits('insertBelow', selections, ['Deux.', 'Un.', 'Trois.'], documentOf(text));
  assert.deepEqual(edits, [
    { range: range(0, 9, 0, 9), text: '\nUn.\nDeux.' },
    { range: range(1, 6, 1, 6), text: '\nTrois.' },
  ]);
  assert.equal(apply(text, edits), 'One. Two.\nUn.\nDeux.\nThree.\nTrois.');
});

test('insertBelow writes CRLF in CRLF documents', () => {
  const text = '\tHello.\r\n\tWorld.';
  const edits = planEdits('insertBelow', [range(0, 1, 1, 7)], ['Bonjour.\n\tMonde.'], documentOf(text, '\r\n'));
  assert.equal(apply(text, edits, '\r\n'), '\tHello.\r\n\tWorld.\r\n\tBonjour.\r\n\tMonde.');
});

test('planEdits rejects count mismatch', () => {
  assert.throws(
    () => planEdits('replace', [range(0, 0, 0, 1)], [], documentOf('a')),
    (error: unknown) =>
      error instanceof ExtensionError && error.message === 'Got 0 translations for 1 selections; expected one per selection.',
  );
});
