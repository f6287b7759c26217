import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinText, splitText, TextError } from '../../../src/text';

test('joinText replaces segments', () => {
  const split = splitText('- Hello world. How are you?\r\n\n  # Good bye.\r\n');
  const joined = joinText(split, ['Bonjour le monde.', 'Comment allez-vous ?', 'Au revoir.']);
  assert.equal(joined, '- Bonjour le monde. Comment allez-vous ?\r\n\n  # Au revoir.\r\n');
});

test('joinText rewraps wrapped segments', () => {
  // The break was after 'wraps' (offset 19 of 39). In the 40-character translation, the space
  // nearest to 19 * 40 / 39 = 19.5, rounded to 20, is at index 19.
  const split = splitText('// This sentence wraps\n// onto a second line. Short one.\n');
  const joined = joinText(split, ['Cette phrase continue sur une deuxième.', 'Courte.']);
  assert.equal(joined, '// Cette phrase continue\n// sur une deuxième. Courte.\n');
});

test('joinText drops breaks without spaces', () => {
  const split = splitText('// This sentence wraps\n// onto a second line.\n');
  assert.equal(joinText(split, ['这句话换行了。']), '// 这句话换行了。\n');
});

test('joinText keeps breaks in order', () => {
  // 'one two three four five six' (27 characters) breaks at offsets 7 and 18.
  const split = splitText('one two\nthree four\nfive six');
  assert.equal(split.segments.length, 1);

  // 'a b c d': targets 7 * 7 / 27 = 1.8 and 18 * 7 / 27 = 4.7 round to 2 and 5. The spaces at 1 and 3
  // tie for 2, so the earlier one takes the first break, and the space at 5 the second.
  assert.equal(joinText(split, ['a b c d']), 'a\nb c\nd');

  // 'a b' has one space: it takes the first break, and the second break is dropped.
  assert.equal(joinText(split, ['a b']), 'a\nb');
});

test('joinText rejects wrong translation count', () => {
  const split = splitText('One. Two.');
  assert.throws(() => joinText(split, ['Un.']), /Expected 2 translations, one per segment, but got 1/);
  assert.throws(() => joinText(split, ['Un.', 'Deux.', 'Trois.']), TextError);
  assert.throws(() => joinText(split, 'Un. Deux.' as unknown as string[]), TextError);
  assert.throws(() => joinText(split, ['Un.', 2 as unknown as string]), /Translation 1 is 2, not a string/);
});

test('joinText rejects mismatched template', () => {
  const split = splitText('One. Two.');
  const broken = { segments: split.segments, template: { literals: ['', ''], wraps: split.template.wraps } };
  assert.throws(() => joinText(broken, ['Un.', 'Deux.']), /Invalid template/);
});
