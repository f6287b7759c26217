// Check that a tokenizer.json gives the same pieces, ids and decoded text as SentencePiece.
//
// Usage: node tools/marian/check_tokenizer.mjs TOKENIZER_JSON CASES_JSON
// CASES_JSON is { cases: [{ text, ids, pieces, decoded }] }, written by tokenizer_json.py from
// SentencePiece: ids and pieces include the trailing </s>, and decoded is the text of the ids
// without </s>. Prints one line per case and exits with 1 when any case differs.
//
// Ids must match exactly. Where the id is <unk>, tokenizers reports the original characters as the
// token while SentencePiece reports "<unk>", so those pieces are not compared. Decoded text is
// compared only for sentences without <unk>, because SentencePiece decodes <unk> as " ⁇ " and
// tokenizers drops it as a special token.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('@huggingface/tokenizers');

const [tokenizerPath, casesPath] = process.argv.slice(2);
if (!tokenizerPath || !casesPath) {
  console.error('usage: node check_tokenizer.mjs TOKENIZER_JSON CASES_JSON');
  process.exit(2);
}

const tokenizerJson = JSON.parse(readFileSync(tokenizerPath, 'utf8'));
const tokenizer = new Tokenizer(tokenizerJson, { eos_token: '</s>', unk_token: '<unk>', pad_token: '<pad>' });
const { cases } = JSON.parse(readFileSync(casesPath, 'utf8'));

let failures = 0;
for (const testCase of cases) {
  const encoding = tokenizer.encode(testCase.text);
  const decoded = tokenizer.decode(encoding.ids, { skip_special_tokens: true });
  const problems = [];
  if (JSON.stringify(encoding.ids) !== JSON.stringify(testCase.ids)) {
    problems.push(`ids ${JSON.stringify(encoding.ids)} != sentencepiece ${JSON.stringify(testCase.ids)}`);
  }
  const unkId = tokenizer.token_to_id('<unk>');
  const comparablePieces = encoding.tokens.map((token, i) => (encoding.ids[i] === unkId ? '<unk>' : token));
  if (JSON.stringify(comparablePieces) !== JSON.stringify(testCase.pieces)) {
    problems.push(`pieces ${JSON.stringify(encoding.tokens)} != sentencepiece ${JSON.stringify(testCase.pieces)}`);
  }
  if (!testCase.ids.includes(unkId) && decoded !== testCase.decoded) {
    problems.push(`decoded ${JSON.stringify(decoded)} != sentencepiece ${JSON.stringify(testCase.decoded)}`);
  }
  if (problems.length > 0) {
    failures += 1;
    console.log(`FAIL ${JSON.stringify(testCase.text)}\n  ${problems.join('\n  ')}`);
  } else {
    console.log(`ok   ${JSON.stringify(testCase.text)} (${encoding.ids.length} ids)`);
  }
}
console.log(`${cases.length - failures}/${cases.length} sentences match SentencePiece`);
process.exit(failures > 0 ? 1 : 0);
