/**
 * A small valid ONNX model whose names and texts are HTML, written with onnx-proto, for checking that
 * the inspector shows model text as text.
 */
import { writeFileSync } from 'node:fs';
import { onnx } from 'onnx-proto';

export const HOSTILE = '<img src=x onerror=alert(1)>';

/** Writes the model to `path`: X → Relu → Add(weight) → Y, where every name is `HOSTILE` plus a suffix. */
export function writeHostileModel(path: string): void {
  const tensorType = (dims: (number | string)[]) =>
    onnx.TypeProto.create({
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    });
  const weight = onnx.TensorProto.create({
    name: `${HOSTILE}weight`,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims: [3],
    floatData: [1, 0, -2],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: `${HOSTILE}producer`,
    docString: `${HOSTILE}doc`,
    opsetImport: [{ domain: '', version: 17 }],
    metadataProps: [{ key: `${HOSTILE}key`, value: `${HOSTILE}value` }],
    graph: {
      name: `${HOSTILE}graph`,
      input: [{ name: `${HOSTILE}input`, type: tensorType([`${HOSTILE}batch`, 3]) }],
      output: [{ name: `${HOSTILE}output`, type: tensorType([`${HOSTILE}batch`, 3]) }],
      initializer: [weight],
      node: [
        { name: HOSTILE, opType: 'Relu', input: [`${HOSTILE}input`], output: [`${HOSTILE}relu`] },
        {
          name: `${HOSTILE}add`,
          opType: 'Add',
          input: [`${HOSTILE}relu`, `${HOSTILE}weight`],
          output: [`${HOSTILE}output`],
          attribute: [{ name: 'note', type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(HOSTILE) }],
        },
      ],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}
