/**
 * Attention and feed-forward locator used by the capture feature. It matches by structure and reads
 * node names only to label each tensor with its stack, attention kind and layer. It searches the
 * main graph and the branches of If nodes (merged decoders); Loop and Scan bodies are not searched.
 */
import { DataType } from './data-types';
import { inferElementType } from './element-type';
import { GraphScope, type IfBranchStep } from './graph-scope';
import { ancestorInputs, findAttentionSoftmaxes, findFusedAttention } from './locate-attention';
import { findFeedForwardActivations } from './locate-ffn';
import type { OnnxModel, OnnxNode } from './model-types';
import { detectModelRole, stackOfRole } from './model-role';
import { readNameHints, type AttentionKind, type Stack } from './name-hints';

export type { IfBranchStep } from './graph-scope';
export type { AttentionKind, Stack } from './name-hints';

/** A tensor to capture. */
export interface LocatedTensor {
  /**
   * Tensor name in its graph. Attention: the Softmax output, [batch, heads, tgt, src] or
   * [batch*heads, tgt, src] depending on the export. Feed-forward: the activation output, [batch, seq, ffn_dim].
   */
  readonly tensorName: string;
  readonly role: 'attention' | 'ffn';
  readonly stack: Stack;
  /** Attention kind; null for feed-forward tensors. */
  readonly kind: AttentionKind | null;
  /** Layer index from the node names, or the tensor's order among its peers when names give none. */
  readonly layer: number;
  /** Whether `layer` came from a node name (`layers.N`, `block.N`) rather than from node order. */
  readonly layerFromName: boolean;
  /** The Softmax or activation node. */
  readonly nodeName: string;
  /** `TensorProto.DataType` code of the tensor, or float32 when neither declarations nor producers give one. */
  readonly elemType: number;
  /** Path into If branches when the tensor lives inside one; absent in the main graph. */
  readonly insideIf?: readonly IfBranchStep[];
}

export interface LocateResult {
  readonly tensors: readonly LocatedTensor[];
  /**
   * Reason no attention probabilities were found, as a lower-case clause that callers can prefix with
   * "attention not available: ", or null when some were found.
   */
  readonly attentionUnavailable: string | null;
  /** Reason no feed-forward activations were found (same form), or null when some were found. */
  readonly ffnUnavailable: string | null;
}

/** Inputs that carry decoder or encoder tokens; keys that depend on them belong to self-attention. */
const TOKEN_INPUTS = new Set(['input_ids', 'decoder_input_ids', 'inputs_embeds', 'decoder_inputs_embeds']);

/**
 * Locates attention probabilities and feed-forward activations in `model`. When it finds none of a
 * role, it returns the reason in the result instead of throwing.
 */
export function locateTensors(model: OnnxModel): LocateResult {
  const defaultStack = stackOfRole(detectModelRole(model.graph));
  const scopes = collectScopes(new GraphScope(model.graph, null, []));
  const located: Omit<LocatedTensor, 'layer' | 'layerFromName'>[] = [];
  const layers: (number | undefined)[] = [];
  const fused: OnnxNode[] = [];

  for (const scope of scopes) {
    fused.push(...findFusedAttention(scope));
    const insideIf = scope.ifPath.length > 0 ? { insideIf: scope.ifPath } : {};

    for (const match of findAttentionSoftmaxes(scope)) {
      const tensorName = match.softmax.outputs[0];
      const hints = readNameHints([match.softmax.name, tensorName, match.scores.name]);
      const kind = hints.kind ?? kindFromStructure(scope, match.keyInput);
      const stack = hints.stack ?? (kind === 'cross' ? 'decoder' : defaultStack);
      located.push({
        tensorName,
        role: 'attention',
        stack,
        kind,
        nodeName: match.softmax.name,
        elemType: elementType(scope, tensorName),
        ...insideIf,
      });
      layers.push(hints.layer);
    }

    for (const match of findFeedForwardActivations(scope)) {
      const hints = readNameHints([match.projection.name, match.activation.name, match.tensorName]);
      located.push({
        tensorName: match.tensorName,
        role: 'ffn',
        stack: hints.stack ?? defaultStack,
        kind: null,
        nodeName: match.activation.name,
        elemType: elementType(scope, match.tensorName),
        ...insideIf,
      });
      layers.push(hints.layer);
    }
  }

  const tensors = assignLayers(located, layers);
  const hasAttention = tensors.some((tensor) => tensor.role === 'attention');
  const hasFfn = tensors.some((tensor) => tensor.role === 'ffn');
  return {
    tensors,
    attentionUnavailable: hasAttention ? null : attentionReason(fused),
    ffnUnavailable: hasFfn ? null : 'no activation (Relu, GELU, swish) feeding a second feed-forward MatMul was found',
  };
}

const BRANCHES: Readonly<Record<string, 'then' | 'else'>> = { then_branch: 'then', else_branch: 'else' };

/** The main graph scope followed by the scopes of every If branch below it, depth first. */
function collectScopes(root: GraphScope): GraphScope[] {
  const scopes = [root];
  root.graph.nodes.forEach((node, nodeIndex) => {
    if (node.opType !== 'If') return;
    for (const attribute of node.attributes) {
      const branch = BRANCHES[attribute.name];
      if (branch === undefined || attribute.graph === undefined) continue;
      const step: IfBranchStep = { ifNode: node.name, nodeIndex, branch };
      scopes.push(...collectScopes(new GraphScope(attribute.graph, root, [...root.ifPath, step])));
    }
  });
  return scopes;
}

/** Cross-attention keys come from encoder states or the encoder cache, never from the token inputs. */
function kindFromStructure(scope: GraphScope, keyInput: string): AttentionKind {
  const inputs = ancestorInputs(scope, keyInput);
  for (const input of inputs) if (TOKEN_INPUTS.has(input)) return 'self';
  for (const input of inputs) {
    if (/encoder_hidden_states|encoder_outputs|\.encoder\.(key|value)$/.test(input)) return 'cross';
  }
  return 'self';
}

function elementType(scope: GraphScope, tensorName: string): number {
  // NOTE: when neither a declaration nor the producers give a type, float32 is assumed.
  return inferElementType(scope, tensorName) ?? DataType.float32;
}

/**
 * Fills in layers: the index from the names when there is one, otherwise the tensor's position among
 * the tensors with the same role, stack, kind and If branch, in graph order.
 */
function assignLayers(
  located: readonly Omit<LocatedTensor, 'layer' | 'layerFromName'>[],
  layers: readonly (number | undefined)[],
): LocatedTensor[] {
  const counters = new Map<string, number>();
  return located.map((tensor, index) => {
    const group = [tensor.role, tensor.stack, tensor.kind, JSON.stringify(tensor.insideIf ?? [])].join('|');
    const ordinal = counters.get(group) ?? 0;
    counters.set(group, ordinal + 1);
    const fromName = layers[index];
    return { ...tensor, layer: fromName ?? ordinal, layerFromName: fromName !== undefined };
  });
}

function attentionReason(fused: readonly OnnxNode[]): string {
  if (fused.length === 0) return 'no Softmax fed by a query-key MatMul was found';
  const first = fused[0];
  const op = first.domain === '' ? first.opType : `${first.domain}.${first.opType}`;
  const more = fused.length > 1 ? ` and ${fused.length - 1} more` : '';
  return (
    `the fused operator ${op} (node "${first.name}"${more}) computes the probabilities internally; ` +
    'export the model without attention fusion to capture them'
  );
}
