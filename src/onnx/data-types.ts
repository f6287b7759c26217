/**
 * ONNX `TensorProto.DataType` codes with their names and element sizes, and `AttributeProto.AttributeType`
 * names. Codes follow onnx.proto (ONNX 1.17); codes added later read as `UNKNOWN(n)`.
 */

interface DataTypeInfo {
  readonly name: string;
  /** Bytes per element in `raw_data`; 0.5 for 4-bit types, 0 for strings (variable length). */
  readonly byteSize: number;
}

const DATA_TYPES: Readonly<Record<number, DataTypeInfo>> = {
  1: { name: 'float32', byteSize: 4 },
  2: { name: 'uint8', byteSize: 1 },
  3: { name: 'int8', byteSize: 1 },
  4: { name: 'uint16', byteSize: 2 },
  5: { name: 'int16', byteSize: 2 },
  6: { name: 'int32', byteSize: 4 },
  7: { name: 'int64', byteSize: 8 },
  8: { name: 'string', byteSize: 0 },
  9: { name: 'bool', byteSize: 1 },
  10: { name: 'float16', byteSize: 2 },
  11: { name: 'float64', byteSize: 8 },
  12: { name: 'uint32', byteSize: 4 },
  13: { name: 'uint64', byteSize: 8 },
  14: { name: 'complex64', byteSize: 8 },
  15: { name: 'complex128', byteSize: 16 },
  16: { name: 'bfloat16', byteSize: 2 },
  17: { name: 'float8e4m3fn', byteSize: 1 },
  18: { name: 'float8e4m3fnuz', byteSize: 1 },
  19: { name: 'float8e5m2', byteSize: 1 },
  20: { name: 'float8e5m2fnuz', byteSize: 1 },
  21: { name: 'uint4', byteSize: 0.5 },
  22: { name: 'int4', byteSize: 0.5 },
};

/** Data type codes used by name in the code. */
export const DataType = {
  float32: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  float64: 11,
  uint32: 12,
  uint64: 13,
  bfloat16: 16,
} as const;

/** Returns the lower-case name of a data type code, e.g. `float32`, or `UNKNOWN(n)`. */
export function dataTypeName(code: number): string {
  return DATA_TYPES[code]?.name ?? `UNKNOWN(${code})`;
}

/** Returns the bytes per element of a data type, or undefined for strings and unknown codes. */
export function dataTypeByteSize(code: number): number | undefined {
  const size = DATA_TYPES[code]?.byteSize;
  return size === undefined || size === 0 ? undefined : size;
}

const ATTRIBUTE_TYPES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'INT',
  3: 'STRING',
  4: 'TENSOR',
  5: 'GRAPH',
  6: 'FLOATS',
  7: 'INTS',
  8: 'STRINGS',
  9: 'TENSORS',
  10: 'GRAPHS',
  11: 'SPARSE_TENSOR',
  12: 'SPARSE_TENSORS',
  13: 'TYPE_PROTO',
  14: 'TYPE_PROTOS',
};

/** Returns the name of an `AttributeProto.AttributeType` code, e.g. `GRAPH`. */
export function attributeTypeName(code: number): string {
  return ATTRIBUTE_TYPES[code] ?? `UNKNOWN(${code})`;
}
