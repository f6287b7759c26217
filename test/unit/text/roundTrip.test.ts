import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinText, splitText } from '../../../src/text';

function assertRoundTrip(text: string): void {
  const split = splitText(text);
  assert.equal(joinText(split, split.segments.map((segment) => segment.text)), text, JSON.stringify(text));
  for (const segment of split.segments) {
    assert.notEqual(segment.text, '', JSON.stringify(text));
    assert.equal(segment.text, segment.text.trim(), JSON.stringify(text));
    assert.doesNotMatch(segment.text, /[\r\n]/, JSON.stringify(text));
  }
}

const cases = [
  '',
  ' ',
  '\n',
  '\r\n\r\n',
  '\r',
  '\t\t',
  'One sentence.',
  'One sentence.\n',
  'Trailing spaces.   \n  \n',
  'Two. Sentences.\r\nWith CRLF.\r\n',
  'Mixed\r\nline\nendings\rhere.',
  '\tTabbed line. Another one.\n\t\tDeeper.',
  '- bullet one\n- bullet two\n  continued. Next.\n\n1. first\n2. second\n',
  '* star bullet\n+ plus bullet\n• dot bullet\n- [ ] open task\n',
  '// comment one.\n// comment two\n//\n// after an empty comment line.\n',
  '/// Doc comment.\n/// ```rust\n/// let x = 1;\n/// ```\n',
  '# Python comment. Another.\n  # indented comment\n#!/usr/bin/env python\n',
  '/*\n * Block comment\n * that wraps. Second.\n */\n',
  '> quoted\n> > nested quote.\n',
  '<!-- html comment -->\n',
  'Text with  two spaces. And\u00a0nbsp.\n',
  '\ufeffByte order mark first.',
  'Emoji 😀 here. Next 🎉.',
  '你好。我很好！ 谢谢。',
  '---\n***\n___\n',
  'e.g. start. Dr. Who. 3.14. v1.2.3. End',
  'Ends without newline',
  '   leading spaces only before text.',
  'line one\n\n\n\nline five\n\n',
];

test('joinText round trip on cases', () => {
  for (const text of cases) {
    assertRoundTrip(text);
  }
});

// Pieces that exercise prefixes, punctuation, whitespace and line endings in random orders.
const PIECES = [
  'Hello', 'world', 'e.g.', 'Dr.', '3.14', 'v1.2.3', 'It', 'ends.', 'What?', 'Yes!', 'so…', '"Quote."',
  '(aside)', '你好。', '😀', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '- ', '* ', '1. ', '// ', '# ',
  '/* ', ' */', ' * ', '> ', '```', '---', '\u00a0', '-->', '<!-- ', 'A.', 'B', '.', ',',
];

// A small linear congruential generator, so that every run tests the same texts.
function makeRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('joinText round trip on random texts', () => {
  const random = makeRandom(20240611);
  for (let index = 0; index < 2000; index++) {
    const length = Math.floor(random() * 30);
    let text = '';
    for (let piece = 0; piece < length; piece++) {
      text += PIECES[Math.floor(random() * PIECES.length)];
    }
    assertRoundTrip(text);
  }
});
