import type { EncoderInput, ExtraOutputs, Inference } from '../../../src/decoding';

/** Next-token log-probabilities (or logits) as a function of the source and the decoder prefix. */
export type Script = (source: readonly number[], prefix: readonly number[]) => number[];

/** An `Inference` whose logits come from a script, recording how it was called. */
export class ScriptedInference implements Inference {
  sources: number[][] = [];
  reorders: number[][] = [];
  disposed = 0;
  calls = 0;

  constructor(
    private readonly script: Script,
    private readonly vocab: number,
  ) {}

  async encode(input: EncoderInput, beams: number): Promise<ExtraOutputs> {
    this.sources = [];
    input.inputIds.forEach((ids, item) => {
      const length = input.attentionMask[item].filter((bit) => bit === 1).length;
      for (let beam = 0; beam < beams; beam++) this.sources.push(ids.slice(0, length));
    });
    return new Map();
  }

  async logits(sequences: readonly (readonly number[])[]): Promise<{ logits: Float32Array; extras: ExtraOutputs }> {
    this.calls++;
    const logits = new Float32Array(sequences.length * this.vocab);
    sequences.forEach((sequence, row) => {
      const values = this.script(this.sources[row], sequence);
      if (values.length !== this.vocab) throw new Error(`script returned ${values.length} values`);
      logits.set(values, row * this.vocab);
    });
    return { logits, extras: new Map() };
  }

  reorder(sourceRows: Int32Array): void {
    this.reorders.push([...sourceRows]);
  }

  dispose(): void {
    this.disposed++;
  }
}

/** Log-probabilities from probabilities (0 → a very low value). */
export function logs(probs: number[]): number[] {
  return probs.map((p) => (p > 0 ? Math.log(p) : -1e4));
}
