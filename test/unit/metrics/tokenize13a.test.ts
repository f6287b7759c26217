import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize13a } from '../../../src/metrics';

// Expected outputs are worked out by hand from the four 13a rules. ASCII symbols are split off,
// '.' and ',' are split off unless they sit between digits, and '-' is split off after a digit.
const cases: readonly (readonly [string, string])[] = [
  ['Hello, world!', 'Hello , world !'],
  ['It costs $5.00 (approx.)', 'It costs $ 5.00 ( approx . )'],
  ['3.14 and 1,000 and v1.2.3', '3.14 and 1,000 and v1.2.3'],
  ['in 2024.', 'in 2024 .'],
  ['a.b,c', 'a . b , c'],
  ['U.S.A.', 'U . S . A .'],
  ['1990-2000', '1990 - 2000'],
  ['well-known - really', 'well-known - really'],
  ["it's o'clock", "it's o'clock"],
  ['x/y', 'x / y'],
  ['a{b}c[d]e~f^g_h`i|j\\k', 'a { b } c [ d ] e ~ f ^ g _ h ` i | j \\ k'],
  ['a:b;c<d=e>f?g@h', 'a : b ; c < d = e > f ? g @ h'],
  ['"q" #1 %2 &3 *4 +5', '" q " # 1 % 2 & 3 * 4 + 5'],
  ['naïve café—ok…', 'naïve café—ok…'],
];

test('tokenize13a splits ASCII punctuation', () => {
  for (const [input, expected] of cases) {
    assert.equal(tokenize13a(input), expected, `input ${JSON.stringify(input)}`);
  }
});

test('tokenize13a decodes entities in order', () => {
  assert.equal(tokenize13a('&quot;hi&quot; &amp; &lt;b&gt;'), '" hi " & < b >');
  // '&amp;' is decoded before '&lt;', so '&amp;lt;' becomes '<' as in sacreBLEU.
  assert.equal(tokenize13a('&amp;lt;'), '<');
  assert.equal(tokenize13a('&apos;'), '& apos ;');
});

test('tokenize13a joins hyphenated line breaks', () => {
  assert.equal(tokenize13a('hyphen-\nated'), 'hyphenated');
  assert.equal(tokenize13a('two\nlines'), 'two lines');
  assert.equal(tokenize13a('a <skipped> b'), 'a b');
});

test('tokenize13a uses Python whitespace', () => {
  assert.equal(tokenize13a('  a\tb\u00a0c\u001cd  '), 'a b c d');
  // U+FEFF is whitespace for JavaScript's \s but not for Python's str.split().
  assert.equal(tokenize13a('a\ufeffb'), 'a\ufeffb');
  assert.equal(tokenize13a(''), '');
});
