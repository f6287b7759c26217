/**
 * A small element-type inference: enough to declare the type of a captured tensor when the model's
 * value_info does not list it.
 */
import { DataType } from './data-types';
import type { GraphScope } from './graph-scope';

const INT64_OPS = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin']);
const BOOL_OPS = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
const MAX_STEPS = 64;

/**
 * Returns the element type of `name`: its declared type, or the type its producer gives it, following
 * ops whose output type is their first input's type. Returns undefined when the chain ends without one.
 */
export function inferElementType(scope: GraphScope, name: string): number | undefined {
  let current = name;
  for (let step = 0; step < MAX_STEPS; step++) {
    const declared = scope.declaredType(current);
    if (declared !== undefined) return declared;
    const producer = scope.producerOf(current);
    if (producer === undefined) return undefined;

    const outputIndex = producer.outputs.indexOf(current);
    const op = producer.opType;
    if (op === 'Cast') return producer.attributes.find((attribute) => attribute.name === 'to')?.int;
    if (op === 'Constant') return producer.attributes.find((attribute) => attribute.tensor !== undefined)?.tensor?.dataType;
    if (op === 'MatMulInteger' || op === 'ConvInteger') return DataType.int32;
    if (op === 'DynamicQuantizeLinear') return outputIndex === 1 ? DataType.float32 : DataType.uint8;
    if (INT64_OPS.has(op)) return DataType.int64;
    if (BOOL_OPS.has(op)) return DataType.bool;

    // DequantizeLinear takes the scale's type and Where the first branch's; the rest keep input 0's type.
    const next = op === 'DequantizeLinear' || op === 'Where' ? producer.inputs[1] : producer.inputs[0];
    if (next === undefined || next === '') return undefined;
    current = next;
  }
  return undefined;
}
