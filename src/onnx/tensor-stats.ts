/** Summary statistics of one tensor's values. */
import { OnnxFormatError } from './errors';
import { forEachGraph } from './graph-walk';
import type { OnnxGraph, OnnxModel, TensorInfo } from './model-types';
import { readTensorNumbers, type TensorSource } from './tensor-values';

export interface TensorStatistics {
  readonly name: string;
  readonly elementCount: number;
  /** Minimum and maximum over the finite and infinite values; null when every value is NaN. */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation. */
  readonly std: number | null;
  /** Percentage of values equal to zero (0 to 100). */
  readonly zeroPercent: number;
  readonly nanCount: number;
}

/** Computes min, max, mean, population std and % zeros of `values`, skipping NaNs. */
export function computeStatistics(name: string, values: Float64Array): TensorStatistics {
  let count = 0;
  let zeros = 0;
  let nanCount = 0;
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let sumSquares = 0;
  for (const value of values) {
    if (Number.isNaN(value)) {
      nanCount += 1;
      continue;
    }
    if (value === 0) zeros += 1;
    if (value < min) min = value;
    if (value > max) max = value;
    // Welford's update keeps the variance accurate for large tensors.
    count += 1;
    const delta = value - mean;
    mean += delta / count;
    sumSquares += delta * (value - mean);
  }
  const hasValues = count > 0;
  return {
    name,
    elementCount: values.length,
    min: hasValues ? min : null,
    max: hasValues ? max : null,
    mean: hasValues ? mean : null,
    std: hasValues ? Math.sqrt(sumSquares / count) : null,
    zeroPercent: values.length === 0 ? 0 : (zeros / values.length) * 100,
    nanCount,
  };
}

/**
 * Finds the tensor called `name` among the initializers and Constant node values of every graph
 * (subgraphs included) and returns its statistics. Only this tensor's values are decoded.
 */
export function tensorStatistics(model: OnnxModel, source: TensorSource, name: string): TensorStatistics {
  const tensor = findTensor(model.graph, name);
  if (tensor === undefined) {
    throw new OnnxFormatError(`Tensor "${name}" not found: no initializer or Constant value has that name.`);
  }
  return computeStatistics(name, readTensorNumbers(tensor, source));
}

/** Returns the initializer or Constant node value called `name`, searching subgraphs too. */
export function findTensor(root: OnnxGraph, name: string): TensorInfo | undefined {
  let found: TensorInfo | undefined;
  forEachGraph(root, (graph) => {
    found ??= graph.initializers.find((tensor) => tensor.name === name);
    for (const node of graph.nodes) {
      if (found === undefined && node.opType === 'Constant' && node.outputs[0] === name) {
        found = node.attributes.find((attribute) => attribute.name === 'value')?.tensor;
      }
    }
  });
  return found;
}
