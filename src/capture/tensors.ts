import type { ExtraTensor } from '../decoding';
import type { FloatTensor, IntTensor } from '../protocol/trace';
import { CaptureError } from './errors';

/**
 * Attention probabilities of one layer as a 4-D view [batch, heads, tgt, src], whichever of the two export
 * styles produced them: [batch*heads, tgt, src] (classic Hugging Face attention) or [batch, heads, tgt, src].
 */
export class AttentionView {
  readonly batch: number;
  readonly tgt: number;
  readonly src: number;

  constructor(
    private readonly tensor: ExtraTensor,
    readonly heads: number,
    name: string,
  ) {
    const dims = tensor.dims;
    if (dims.length === 3 && dims[0] % heads === 0) {
      this.batch = dims[0] / heads;
      [, this.tgt, this.src] = dims;
    } else if (dims.length === 4 && dims[1] === heads) {
      [this.batch, , this.tgt, this.src] = dims;
    } else {
      throw new CaptureError(`Attention output ${name} has shape [${dims.join(', ')}]: expected [batch*${heads}, tgt, src] or [batch, ${heads}, tgt, src].`);
    }
  }

  /** Returns [heads, tgtCount, srcCount] for one batch row, query rows from `tgtStart`, keys cropped to `srcCount`. */
  slice(row: number, tgtStart: number, tgtCount: number, srcCount: number): Float32Array {
    const out = new Float32Array(this.heads * tgtCount * srcCount);
    for (let head = 0; head < this.heads; head++) {
      for (let t = 0; t < tgtCount; t++) {
        const from = ((row * this.heads + head) * this.tgt + tgtStart + t) * this.src;
        out.set(this.tensor.data.subarray(from, from + srcCount), (head * tgtCount + t) * srcCount);
      }
    }
    return out;
  }
}

/** FFN activations [batch, seq, ffnDim] (or [batch*seq, ffnDim]) as a view. */
export class ActivationView {
  readonly seq: number;
  readonly width: number;

  constructor(
    private readonly tensor: ExtraTensor,
    batch: number,
    name: string,
  ) {
    const dims = tensor.dims;
    if (dims.length === 3 && dims[0] === batch) [, this.seq, this.width] = dims;
    else if (dims.length === 2 && dims[0] % batch === 0) [this.seq, this.width] = [dims[0] / batch, dims[1]];
    else throw new CaptureError(`Activation output ${name} has shape [${dims.join(', ')}]: expected [${batch}, seq, ffn].`);
  }

  /** Returns the activation vector of one position. */
  vector(row: number, position: number): Float32Array {
    const from = (row * this.seq + position) * this.width;
    return this.tensor.data.subarray(from, from + this.width);
  }
}

/** Per-token summary of activation vectors: L2 norm and the `n` neurons of largest magnitude. */
export function summarizeActivations(
  vectors: readonly Float32Array[],
  n: number,
  keepFull: boolean,
): { norm: FloatTensor; topIndices: IntTensor; topValues: FloatTensor; full?: FloatTensor } {
  const tokens = vectors.length;
  const width = vectors[0]?.length ?? 0;
  const count = Math.min(n, width);
  const norm = new Float32Array(tokens);
  const topIndices = new Int32Array(tokens * count);
  const topValues = new Float32Array(tokens * count);

  vectors.forEach((vector, token) => {
    let sum = 0;
    for (const value of vector) sum += value * value;
    norm[token] = Math.sqrt(sum);

    // Insertion into a short sorted list: O(width × n), cheaper than sorting the whole vector for small n.
    const best: number[] = [];
    for (let i = 0; i < width; i++) {
      const magnitude = Math.abs(vector[i]);
      if (best.length === count && magnitude <= Math.abs(vector[best[count - 1]])) continue;
      let position = best.length;
      while (position > 0 && Math.abs(vector[best[position - 1]]) < magnitude) position--;
      best.splice(position, 0, i);
      if (best.length > count) best.pop();
    }
    best.forEach((index, i) => {
      topIndices[token * count + i] = index;
      topValues[token * count + i] = vector[index];
    });
  });

  const summary = {
    norm: { shape: [tokens], data: norm },
    topIndices: { shape: [tokens, count], data: topIndices },
    topValues: { shape: [tokens, count], data: topValues },
  };
  if (!keepFull) return summary;

  const full = new Float32Array(tokens * width);
  vectors.forEach((vector, token) => full.set(vector, token * width));
  return { ...summary, full: { shape: [tokens, width], data: full } };
}
