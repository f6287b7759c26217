/**
 * Lazy readers for `GraphProto`, `NodeProto` and `AttributeProto`, including the subgraphs of If,
 * Loop and Scan nodes. Initializers go through the lazy tensor reader, so weights stay unread.
 */
import { OnnxFormatError } from './errors';
import type { OnnxAttribute, OnnxGraph, OnnxNode, TensorInfo, ValueInfo } from './model-types';
import { readTensorField } from './read-tensor';
import { readValueInfoField } from './read-type';
import {
  expectWireType,
  FieldCursor,
  int64ToNumber,
  nextField,
  readInt32Field,
  readSpan,
  readStringField,
  WireType,
  type FieldSpan,
  type Reader,
} from './wire';

/** Deepest subgraph nesting accepted; deeper input is rejected instead of exhausting the stack. */
const MAX_GRAPH_DEPTH = 64;

interface GraphBuilder {
  name: string;
  docString: string;
  nodes: OnnxNode[];
  initializers: TensorInfo[];
  sparseInitializerCount: number;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
  spans: FieldSpan[];
}

/** Creates an empty graph that `readGraphField` fills. */
export function createGraph(): GraphBuilder {
  return {
    name: '',
    docString: '',
    nodes: [],
    initializers: [],
    sparseInitializerCount: 0,
    inputs: [],
    outputs: [],
    valueInfo: [],
    spans: [],
  };
}

/**
 * Reads a GraphProto field whose tag was just read into `graph`. Calling it again for a repeated
 * occurrence merges the two as protobuf does: lists are appended to and scalars are replaced.
 */
export function readGraphField(
  reader: Reader,
  parentMessage: string,
  field: number,
  wireType: number,
  tagStart: number,
  graph: OnnxGraph,
  depth: number,
): void {
  expectWireType(parentMessage, field, wireType, WireType.lengthDelimited, tagStart);
  if (depth > MAX_GRAPH_DEPTH) {
    throw new OnnxFormatError(`Unsupported model: subgraphs nested deeper than ${MAX_GRAPH_DEPTH} levels.`);
  }
  const builder = graph as GraphBuilder;
  const span = readSpan(reader, tagStart);
  builder.spans.push(span);

  const message = 'GraphProto';
  const cursor = new FieldCursor();
  while (nextField(reader, span.end, message, cursor)) {
    const { field: innerField, wireType: innerWireType, tagStart: innerTagStart } = cursor;
    switch (innerField) {
      case 1:
        expectWireType(message, innerField, innerWireType, WireType.lengthDelimited, innerTagStart);
        builder.nodes.push(readNode(reader, readSpan(reader, innerTagStart), depth));
        break;
      case 2:
        builder.name = readStringField(reader, message, innerField, innerWireType, innerTagStart);
        break;
      case 5:
        expectWireType(message, innerField, innerWireType, WireType.lengthDelimited, innerTagStart);
        builder.initializers.push(readTensorField(reader, innerTagStart));
        break;
      case 10:
        builder.docString = readStringField(reader, message, innerField, innerWireType, innerTagStart);
        break;
      case 11:
        builder.inputs.push(readValueInfoField(reader, message, innerField, innerWireType, innerTagStart));
        break;
      case 12:
        builder.outputs.push(readValueInfoField(reader, message, innerField, innerWireType, innerTagStart));
        break;
      case 13:
        builder.valueInfo.push(readValueInfoField(reader, message, innerField, innerWireType, innerTagStart));
        break;
      case 15:
        reader.skipType(innerWireType);
        builder.sparseInitializerCount += 1;
        break;
      default:
        reader.skipType(innerWireType);
    }
  }
}

function readNode(reader: Reader, span: FieldSpan, depth: number): OnnxNode {
  const message = 'NodeProto';
  let name = '';
  let opType = '';
  let domain = '';
  let docString = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: OnnxAttribute[] = [];

  const cursor = new FieldCursor();
  while (nextField(reader, span.end, message, cursor)) {
    const { field, wireType, tagStart } = cursor;
    switch (field) {
      case 1:
        inputs.push(readStringField(reader, message, field, wireType, tagStart));
        break;
      case 2:
        outputs.push(readStringField(reader, message, field, wireType, tagStart));
        break;
      case 3:
        name = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 4:
        opType = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 5:
        expectWireType(message, field, wireType, WireType.lengthDelimited, tagStart);
        attributes.push(readAttribute(reader, readSpan(reader, tagStart), depth));
        break;
      case 6:
        docString = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 7:
        domain = readStringField(reader, message, field, wireType, tagStart);
        break;
      default:
        reader.skipType(wireType);
    }
  }
  return { name, opType, domain, inputs, outputs, attributes, docString, span };
}

type AttributeBuilder = { -readonly [K in keyof OnnxAttribute]: OnnxAttribute[K] };

function readAttribute(reader: Reader, span: FieldSpan, depth: number): OnnxAttribute {
  const message = 'AttributeProto';
  const attribute: AttributeBuilder = { name: '', type: 0, refAttrName: '', span };
  let floats: number[] | undefined;
  let ints: number[] | undefined;
  let strings: string[] | undefined;
  let tensors: TensorInfo[] | undefined;
  let graphs: OnnxGraph[] | undefined;

  const cursor = new FieldCursor();
  while (nextField(reader, span.end, message, cursor)) {
    const { field, wireType, tagStart } = cursor;
    switch (field) {
      case 1:
        attribute.name = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 20:
        attribute.type = readInt32Field(reader, message, field, wireType, tagStart);
        break;
      case 21:
        attribute.refAttrName = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 2:
        expectWireType(message, field, wireType, WireType.fixed32, tagStart);
        attribute.float = reader.float();
        break;
      case 3:
        expectWireType(message, field, wireType, WireType.varint, tagStart);
        attribute.int = readLossyInt64(reader);
        break;
      case 4:
        attribute.string = readStringField(reader, message, field, wireType, tagStart);
        break;
      case 5:
        expectWireType(message, field, wireType, WireType.lengthDelimited, tagStart);
        attribute.tensor = readTensorField(reader, tagStart);
        break;
      case 6:
        attribute.graph ??= createGraph();
        readGraphField(reader, message, field, wireType, tagStart, attribute.graph, depth + 1);
        break;
      case 7:
        floats ??= [];
        if (wireType === WireType.lengthDelimited) reader.floats(floats);
        else {
          expectWireType(message, field, wireType, WireType.fixed32, tagStart);
          floats.push(reader.float());
        }
        break;
      case 8:
        ints ??= [];
        if (wireType === WireType.lengthDelimited) {
          const packed = readSpan(reader, tagStart);
          while (reader.pos < packed.end) ints.push(readLossyInt64(reader));
          if (reader.pos !== packed.end) {
            throw new OnnxFormatError(`Invalid AttributeProto: packed ints at byte ${tagStart} overrun their length.`);
          }
        } else {
          expectWireType(message, field, wireType, WireType.varint, tagStart);
          ints.push(readLossyInt64(reader));
        }
        break;
      case 9:
        strings ??= [];
        strings.push(readStringField(reader, message, field, wireType, tagStart));
        break;
      case 10:
        expectWireType(message, field, wireType, WireType.lengthDelimited, tagStart);
        tensors ??= [];
        tensors.push(readTensorField(reader, tagStart));
        break;
      case 11: {
        const graph = createGraph();
        readGraphField(reader, message, field, wireType, tagStart, graph, depth + 1);
        graphs ??= [];
        graphs.push(graph);
        break;
      }
      default:
        reader.skipType(wireType);
    }
  }

  if (floats !== undefined) attribute.floats = floats;
  if (ints !== undefined) attribute.ints = ints;
  if (strings !== undefined) attribute.strings = strings;
  if (tensors !== undefined) attribute.tensors = tensors;
  if (graphs !== undefined) attribute.graphs = graphs;
  return attribute;
}

function readLossyInt64(reader: Reader): number {
  return int64ToNumber(reader.int64());
}
