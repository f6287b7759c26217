/**
 * Text forms of ONNX types and attribute values for the inspector view. No `vscode` import.
 */
import { dataTypeName, readTensorNumbers, type OnnxAttribute, type TensorInfo, type TensorSource, type TypeInfo, type ValueInfo } from '../../onnx';
import type { ValueView } from '../../protocol/inspector-messages';

/** List attributes show at most this many values, then how many there are. */
export const MAX_LIST_VALUES = 16;
/** Constant tensors with at most this many inline elements show their values. */
export const MAX_TENSOR_VALUES = 16;
/** Longer string attributes are cut. */
export const MAX_STRING_LENGTH = 200;

/**
 * Writes a type as ONNX tools print it: `tensor(float32)`, `seq(tensor(int64))`, `map(int64, tensor(float32))`.
 * NOTE: `src/onnx` has the same format in its summary but does not export it from its index, so the
 * subgraph inputs and outputs are formatted here.
 */
export function typeText(type: TypeInfo | null): string {
  if (type === null) return 'unknown';
  switch (type.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return `${type.kind}(${dataTypeName(type.elemType)})`;
    case 'sequence':
      return `seq(${typeText(type.elem)})`;
    case 'optional':
      return `optional(${typeText(type.elem)})`;
    case 'map':
      return `map(${dataTypeName(type.keyType)}, ${typeText(type.value)})`;
    default:
      return type.kind;
  }
}

/** Returns the view of a graph input or output. */
export function valueView(value: ValueInfo): ValueView {
  const type = value.type;
  const shape = type !== null && (type.kind === 'tensor' || type.kind === 'sparse_tensor') ? type.shape : null;
  return { name: value.name, type: typeText(type), shape };
}

/** Formats a float attribute read as a double from float32 bits with the digits float32 carries. */
export function floatText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(7)));
}

function listText<T>(values: readonly T[], format: (value: T) => string): string {
  const shown = values.slice(0, MAX_LIST_VALUES).map(format).join(', ');
  const more = values.length > MAX_LIST_VALUES ? `, … (${values.length} values)` : '';
  return `[${shown}${more}]`;
}

function stringText(value: string): string {
  const cut = value.length > MAX_STRING_LENGTH ? `${value.slice(0, MAX_STRING_LENGTH)}…` : value;
  return JSON.stringify(cut);
}

/**
 * Describes a tensor attribute: data type and shape, and the values of small inline tensors, which are
 * often shapes and axes. `source` contains the model bytes the tensor was read from.
 */
export function tensorText(tensor: TensorInfo, source: TensorSource): string {
  const head = `${dataTypeName(tensor.dataType)}[${tensor.dims.join(', ')}]`;
  if (tensor.storage !== 'inline' || tensor.elementCount > MAX_TENSOR_VALUES) return head;
  try {
    const values = Array.from(readTensorNumbers(tensor, source));
    const text = tensor.dims.length === 0 ? floatText(values[0]) : listText(values, floatText);
    return `${head} = ${text}`;
  } catch {
    // String, complex and 8-bit float tensors have no numeric values to show; the type and shape remain.
    return head;
  }
}

/** Returns the `AttributeProto.AttributeType` name of an attribute's type code, e.g. "INTS". */
export function attributeTypeText(attribute: OnnxAttribute): string {
  const names = ['UNDEFINED', 'FLOAT', 'INT', 'STRING', 'TENSOR', 'GRAPH', 'FLOATS', 'INTS', 'STRINGS', 'TENSORS', 'GRAPHS', 'SPARSE_TENSOR', 'SPARSE_TENSORS', 'TYPE_PROTO', 'TYPE_PROTOS'];
  return names[attribute.type] ?? `type ${attribute.type}`;
}

/** Writes an attribute's value as text; `source` contains the model bytes, for small tensor values. */
export function attributeValueText(attribute: OnnxAttribute, source: TensorSource): string {
  if (attribute.refAttrName !== '') return `ref ${stringText(attribute.refAttrName)}`;
  if (attribute.float !== undefined) return floatText(attribute.float);
  if (attribute.int !== undefined) return String(attribute.int);
  if (attribute.string !== undefined) return stringText(attribute.string);
  if (attribute.tensor !== undefined) return tensorText(attribute.tensor, source);
  if (attribute.graph !== undefined) return graphText(attribute.graph.name, attribute.graph.nodes.length);
  if (attribute.floats !== undefined) return listText(attribute.floats, floatText);
  if (attribute.ints !== undefined) return listText(attribute.ints, String);
  if (attribute.strings !== undefined) return listText(attribute.strings, stringText);
  if (attribute.tensors !== undefined) return listText(attribute.tensors, (tensor) => tensorText(tensor, source));
  if (attribute.graphs !== undefined) return listText(attribute.graphs, (graph) => graphText(graph.name, graph.nodes.length));
  // Sparse tensors and type protos are skipped by the reader; an empty list attribute has no field either.
  return attribute.type >= 11 ? '(not read)' : '[]';
}

function graphText(name: string, nodeCount: number): string {
  return `graph ${stringText(name)} (${nodeCount} nodes)`;
}
