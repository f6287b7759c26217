/**
 * A graph with lookup tables for pattern matching: which node produces a value, which nodes consume
 * it, and which values are constants. Subgraph scopes see the values of their enclosing graphs, as
 * ONNX scoping rules allow.
 */
import type { OnnxGraph, OnnxNode, TensorInfo } from './model-types';

/** One step from a graph into a branch of one of its If nodes. */
export interface IfBranchStep {
  /** Name of the If node. */
  readonly ifNode: string;
  /** Index of the If node in its graph's node list. */
  readonly nodeIndex: number;
  readonly branch: 'then' | 'else';
}

export class GraphScope {
  readonly producers = new Map<string, OnnxNode>();
  readonly consumers = new Map<string, OnnxNode[]>();
  readonly nodeIndex = new Map<OnnxNode, number>();
  private readonly initializers = new Map<string, TensorInfo>();
  private readonly constantNodes = new Map<string, OnnxNode>();
  private readonly declaredTypes = new Map<string, number>();

  constructor(
    readonly graph: OnnxGraph,
    readonly parent: GraphScope | null,
    /** Path from the main graph to this graph; empty for the main graph. */
    readonly ifPath: readonly IfBranchStep[],
  ) {
    graph.nodes.forEach((node, index) => {
      this.nodeIndex.set(node, index);
      for (const output of node.outputs) if (output !== '') this.producers.set(output, node);
      for (const input of node.inputs) {
        if (input === '') continue;
        const list = this.consumers.get(input);
        if (list === undefined) this.consumers.set(input, [node]);
        else list.push(node);
      }
      if (node.opType === 'Constant' && node.outputs[0] !== undefined) this.constantNodes.set(node.outputs[0], node);
    });
    for (const tensor of graph.initializers) {
      this.initializers.set(tensor.name, tensor);
      this.declaredTypes.set(tensor.name, tensor.dataType);
    }
    for (const value of [...graph.inputs, ...graph.outputs, ...graph.valueInfo]) {
      if (value.type?.kind === 'tensor' && value.type.elemType !== 0) this.declaredTypes.set(value.name, value.type.elemType);
    }
  }

  /** Returns the node that produces `name` in this graph or an enclosing one. */
  producerOf(name: string): OnnxNode | undefined {
    return this.producers.get(name) ?? this.parent?.producerOf(name);
  }

  /** Returns whether `name` is an initializer or Constant output here or in an enclosing graph. */
  isConstant(name: string): boolean {
    return this.initializers.has(name) || this.constantNodes.has(name) || (this.parent?.isConstant(name) ?? false);
  }

  /** Returns the initializer called `name` here or in an enclosing graph. */
  initializer(name: string): TensorInfo | undefined {
    return this.initializers.get(name) ?? this.parent?.initializer(name);
  }

  /** Returns the Constant node that outputs `name` here or in an enclosing graph. */
  constantNode(name: string): OnnxNode | undefined {
    return this.constantNodes.get(name) ?? this.parent?.constantNode(name);
  }

  /** Returns the element type declared for `name` by an input, output, value_info or initializer. */
  declaredType(name: string): number | undefined {
    return this.declaredTypes.get(name) ?? this.parent?.declaredType(name);
  }

  /** Returns whether `name` is a graph input of this graph or of an enclosing one. */
  isGraphInput(name: string): boolean {
    return this.graph.inputs.some((value) => value.name === name) || (this.parent?.isGraphInput(name) ?? false);
  }
}
