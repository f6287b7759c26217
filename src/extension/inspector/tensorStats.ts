/**
 * Statistics of ONE tensor on request: only that tensor's bytes are read from the file again, so the
 * model bytes need not stay in memory while the editor is open. No `vscode` import.
 */
import { computeStatistics, findTensor, OnnxFormatError, readTensorNumbers, type TensorInfo } from '../../onnx';
import type { TensorStatsView } from '../../protocol/inspector-messages';
import { ExtensionError } from '../errors';
import type { LoadedModel } from './loadModel';
import type { ModelSource } from './modelSource';

/**
 * Returns `tensor` with every byte offset moved back by `base`, so it can be decoded from a copy of the
 * file that starts at `base`.
 */
export function rebaseTensor(tensor: TensorInfo, base: number): TensorInfo {
  const span = tensor.span;
  return {
    ...tensor,
    span: { tagStart: span.tagStart - base, lengthStart: span.lengthStart - base, start: span.start - base, end: span.end - base },
    payload: tensor.payload === null ? null : { ...tensor.payload, start: tensor.payload.start - base },
  };
}

/** Reads the values of an inline tensor from its own TensorProto bytes. */
async function readInlineValues(tensor: TensorInfo, source: ModelSource): Promise<Float64Array> {
  const bytes = await source.readRange(tensor.span.start, tensor.span.end);
  return readTensorNumbers(rebaseTensor(tensor, tensor.span.start), { bytes });
}

/** Reads the values of a tensor stored in an external data file. */
async function readExternalValues(tensor: TensorInfo, source: ModelSource): Promise<Float64Array> {
  if (source.localPath !== undefined) {
    return readTensorNumbers(tensor, { bytes: new Uint8Array(0), modelPath: source.localPath });
  }
  const ref = tensor.externalData;
  if (ref === null) throw new ExtensionError(`Tensor "${tensor.name}" is marked external but has no external_data entry.`);
  // NOTE: in a remote workspace the location text was checked at load (relative, no ".."), but a
  // symlink on the remote machine cannot be checked from here.
  const bytes = await source.readExternal(ref.location, ref.offset, ref.length ?? tensor.byteSize);
  const inline: TensorInfo = {
    ...tensor,
    storage: 'inline',
    externalData: null,
    payload: { field: 'raw_data', start: 0, byteLength: bytes.byteLength },
  };
  return readTensorNumbers(inline, { bytes });
}

/**
 * Computes min, max, mean, std and % zeros of the initializer or Constant value called `name`.
 * Throws `ExtensionError` when the file changed on disk since it was loaded, and `OnnxFormatError`
 * when the tensor is missing or its values cannot be decoded.
 *
 * NOTE: `readTensorNumbers` returns every value as a double, so a tensor of N elements takes 8·N bytes
 * of memory while its statistics are computed (a 32k × 512 embedding: about 134 MB).
 */
export async function computeTensorStats(loaded: LoadedModel, source: ModelSource, name: string): Promise<TensorStatsView> {
  const started = performance.now();
  const now = await source.stamp();
  if (now.size !== loaded.stamp.size || now.mtime !== loaded.stamp.mtime) {
    throw new ExtensionError(`"${source.fileName}" changed on disk since it was opened. Reopen it to compute statistics.`);
  }
  const tensor = findTensor(loaded.model.graph, name);
  if (tensor === undefined) {
    throw new OnnxFormatError(`Tensor "${name}" not found: no initializer or Constant value has that name.`);
  }
  const values = tensor.storage === 'external' ? await readExternalValues(tensor, source) : await readInlineValues(tensor, source);
  const stats = computeStatistics(name, values);
  return { ...stats, elapsedMs: performance.now() - started };
}
