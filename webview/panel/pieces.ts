/**
 * How tokenizer pieces are displayed. SentencePiece marks a word start with "▁" (U+2581). The panel keeps
 * the sign but draws it dimmed before the piece (`.piece-marker`), so word starts stay visible without
 * crowding the text. Bare tag-like pieces such as `</s>`, `<pad>` and `<unk>` are drawn in italics.
 * Pieces are always inserted as text, never as HTML.
 */
import type { TokenLabel } from '../common/labels';

export const WORD_START = '\u2581';

const SPECIAL_PIECE = /^<[^<>\s]+>$/;

/** Returns the display label of a piece. */
export function pieceLabel(piece: string): TokenLabel {
  if (piece.startsWith(WORD_START)) {
    return { marker: WORD_START, text: piece.slice(WORD_START.length), special: false };
  }
  return { marker: '', text: piece, special: SPECIAL_PIECE.test(piece) };
}
