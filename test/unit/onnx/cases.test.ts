import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OnnxFormatError, readModelFile, summarizeModel } from '../../../src/onnx';
import { MODEL_CASES } from './cases';

for (const entry of MODEL_CASES) {
  test(`model case ${entry.file}`, async () => {
    if (entry.error !== undefined) {
      await assert.rejects(readModelFile(entry.file), (error: unknown) => {
        assert.ok(error instanceof OnnxFormatError, `expected OnnxFormatError, got ${String(error)}`);
        assert.match(error.message, entry.error as RegExp);
        return true;
      });
      return;
    }

    const { bytes, model } = await readModelFile(entry.file);
    const summary = summarizeModel(model, { bytes, path: entry.file });
    const expected = entry.summary;
    assert.ok(expected !== undefined);
    const actual = {
      irVersion: summary.irVersion,
      role: summary.seq2seq.role,
      layers: summary.seq2seq.layers,
      heads: summary.seq2seq.heads,
      dModel: summary.seq2seq.dModel,
      vocabSize: summary.seq2seq.vocabSize,
      nodeCount: summary.nodeCount,
      subgraphCount: summary.subgraphCount,
      parameterCount: summary.parameterCount,
      kvCacheInputs: summary.seq2seq.kvCacheInputs.length,
      kvCacheOutputs: summary.seq2seq.kvCacheOutputs.length,
      attentionTensors: summary.capture.attentionTensors,
      ffnTensors: summary.capture.ffnTensors,
    };
    const { attentionUnavailable, ...fields } = expected;
    assert.deepEqual(actual, fields);
    if (attentionUnavailable !== undefined) {
      assert.ok(summary.capture.attentionUnavailable?.includes(attentionUnavailable), summary.capture.attentionUnavailable ?? 'null');
    }
  });
}
