import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinText, splitText, TextError } from '../../../src/text';

function segmentTexts(text: string): string[] {
  return splitText(text).segments.map((segment) => segment.text);
}

test('splitText sentence boundaries', () => {
  assert.deepEqual(segmentTexts('Hello world. This is a test! Is it? Yes… Done.'), [
    'Hello world.',
    'This is a test!',
    'Is it?',
    'Yes…',
    'Done.',
  ]);
  assert.deepEqual(segmentTexts('It ended. 2024 was next. "Really?" she asked.'), [
    'It ended.',
    '2024 was next.',
    '"Really?" she asked.',
  ]);
  assert.deepEqual(segmentTexts('He said "Stop." Then he left. (See below.) Fine.'), [
    'He said "Stop."',
    'Then he left.',
    '(See below.)',
    'Fine.',
  ]);
});

test('splitText needs a capital after the stop', () => {
  assert.deepEqual(segmentTexts('Use the file. then run it.'), ['Use the file. then run it.']);
  assert.deepEqual(segmentTexts('Wait...what? Yes.'), ['Wait...what?', 'Yes.']);
});

test('splitText keeps abbreviations and numbers', () => {
  assert.deepEqual(segmentTexts('See e.g. Paris, i.e. France. Ask Dr. Smith or Mr. Jones. Done.'), [
    'See e.g. Paris, i.e. France.',
    'Ask Dr. Smith or Mr. Jones.',
    'Done.',
  ]);
  assert.deepEqual(segmentTexts('Pi is 3.14 and v1.2.3 is out. Version 2. Next.'), [
    'Pi is 3.14 and v1.2.3 is out.',
    'Version 2.',
    'Next.',
  ]);
  assert.deepEqual(segmentTexts('Apples, pears, etc. Then more. In the U.S. There.'), [
    'Apples, pears, etc. Then more.',
    'In the U.S. There.',
  ]);
  assert.deepEqual(segmentTexts('J. R. R. Tolkien wrote it. So did I. Then we left.'), [
    'J. R. R. Tolkien wrote it.',
    'So did I.',
    'Then we left.',
  ]);
  assert.deepEqual(segmentTexts('No. It was not. See No. 5 on p. 12. Fine.'), [
    'No.',
    'It was not.',
    'See No. 5 on p. 12.',
    'Fine.',
  ]);
});

test('splitText CJK sentence marks', () => {
  assert.deepEqual(segmentTexts('你好。我很好！谢谢。'), ['你好。', '我很好！', '谢谢。']);
  const split = splitText('你好。我很好！');
  assert.deepEqual(split.template.literals, ['', '', '']);
});

test('splitText keeps list and comment prefixes', () => {
  const text = '- First item.\n* Second item\n1. Numbered item.\n2) Other item\n- [x] Done task\n';
  const split = splitText(text);
  assert.deepEqual(
    split.segments.map((segment) => segment.text),
    ['First item.', 'Second item', 'Numbered item.', 'Other item', 'Done task'],
  );
  assert.deepEqual(split.template.literals, ['- ', '\n* ', '\n1. ', '\n2) ', '\n- [x] ', '\n']);

  const comments = splitText('  // Line comment.\n# Hash comment.\n> Quoted text.\n-- SQL comment.\n');
  assert.deepEqual(
    comments.segments.map((segment) => segment.text),
    ['Line comment.', 'Hash comment.', 'Quoted text.', 'SQL comment.'],
  );
  assert.deepEqual(comments.template.literals, ['  // ', '\n# ', '\n> ', '\n-- ', '\n']);
});

test('splitText joins wrapped lines', () => {
  const text = '// This sentence wraps\n// onto a second line. Short one.\n';
  const split = splitText(text);
  assert.deepEqual(split.segments, [
    { text: 'This sentence wraps onto a second line.', line: 0 },
    { text: 'Short one.', line: 1 },
  ]);
  assert.deepEqual(split.template.wraps, [[{ offset: 19, source: '\n// ' }], []]);
  assert.deepEqual(split.template.literals, ['// ', ' ', '\n']);
});

test('splitText wraps list item continuations', () => {
  const split = splitText('- item one that\n  wraps here.\n- item two\n');
  assert.deepEqual(split.segments, [
    { text: 'item one that wraps here.', line: 0 },
    { text: 'item two', line: 2 },
  ]);
  assert.deepEqual(split.template.wraps[0], [{ offset: 13, source: '\n  ' }]);
});

test('splitText block comments', () => {
  const split = splitText('/**\n * Loads a model. Returns the\n * session.\n */\n* Bullet after the comment.\n');
  assert.deepEqual(split.segments, [
    { text: 'Loads a model.', line: 1 },
    { text: 'Returns the session.', line: 1 },
    { text: 'Bullet after the comment.', line: 4 },
  ]);
  assert.deepEqual(split.template.literals, ['/**\n * ', ' ', '\n */\n* ', '\n']);

  const oneLine = splitText('/* Closed here. */\n<!-- HTML note. -->');
  assert.deepEqual(
    oneLine.segments.map((segment) => segment.text),
    ['Closed here.', 'HTML note.'],
  );
  assert.deepEqual(oneLine.template.literals, ['/* ', ' */\n<!-- ', ' -->']);
});

test('splitText starts blocks at marker changes', () => {
  // A heading and the paragraph under it, and a comment followed by prose, stay separate.
  const split = splitText('# Title\nSome text\n// comment\nplain');
  assert.deepEqual(
    split.segments.map((segment) => segment.text),
    ['Title', 'Some text', 'comment', 'plain'],
  );
  assert.deepEqual(split.template.wraps, [[], [], [], []]);
});

test('splitText keeps code and rules', () => {
  const text = 'Intro.\n\n```js\nconst a = 1; // Not translated.\n```\n---\n  \n// ----\nEnd.';
  const split = splitText(text);
  assert.deepEqual(
    split.segments.map((segment) => segment.text),
    ['Intro.', 'End.'],
  );
  assert.deepEqual(split.template.literals, ['', '\n\n```js\nconst a = 1; // Not translated.\n```\n---\n  \n// ----\n', '']);
});

test('splitText blank and whitespace text', () => {
  assert.deepEqual(splitText(''), { segments: [], template: { literals: [''], wraps: [] } });
  assert.deepEqual(splitText(' \t\r\n\n').segments, []);
  assert.equal(joinText(splitText(' \t\r\n\n'), []), ' \t\r\n\n');
});

test('splitText keeps CRLF and trailing spaces', () => {
  const text = 'First line.  \r\n\tSecond line.\t\r\n';
  const split = splitText(text);
  assert.deepEqual(
    split.segments.map((segment) => segment.text),
    ['First line.', 'Second line.'],
  );
  assert.deepEqual(split.template.literals, ['', '  \r\n\t', '\t\r\n']);
});

test('splitText segment line numbers', () => {
  const split = splitText('A.\n\nB one. B two.\n\n\nC.');
  assert.deepEqual(
    split.segments.map((segment) => segment.line),
    [0, 2, 2, 5],
  );
});

test('splitText rejects non-strings', () => {
  assert.throws(() => splitText(undefined as unknown as string), TextError);
});

test('splitText long runs stay linear', () => {
  // A regular expression search for the line suffix would backtrack for minutes on these lines,
  // and a linear scan finishes in milliseconds.
  const spaces = ' '.repeat(100000);
  const stars = '*'.repeat(100000);
  const text = `x${spaces}y\n\na${stars}\n\n/* Closed. ***/${spaces}\n`;
  const split = splitText(text);
  assert.deepEqual(
    split.segments.map((segment) => segment.text),
    [`x${spaces}y`, `a${stars}`, 'Closed.'],
  );
  assert.equal(split.template.literals[3], ` ***/${spaces}\n`);
  assert.equal(joinText(split, split.segments.map((segment) => segment.text)), text);
});
