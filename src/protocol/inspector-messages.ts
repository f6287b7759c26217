/**
 * Messages between the extension host and the ONNX inspector webviews: the `.onnx` custom editor and the
 * model folder view. The host reads the model and sends a plain, serializable view of it; the webview
 * never parses model bytes. Both sides import this file, so a message one side sends and the other does
 * not handle is a type error. It imports nothing, which keeps it usable from the browser bundle.
 */

/** A dimension: a fixed size, a symbolic name (`dim_param`, e.g. "batch_size"), or null when unknown. */
export type InspectorDim = number | string | null;

/** A graph input or output, with its type written as ONNX tools print it (e.g. "tensor(float32)"). */
export interface ValueView {
  readonly name: string;
  readonly type: string;
  /** Null when the type has no shape (unranked tensor, or not a tensor). */
  readonly shape: readonly InspectorDim[] | null;
}

export interface OpCountView {
  readonly opType: string;
  readonly count: number;
}

/** Operator use in one domain, most used first. */
export interface DomainOpsView {
  /** Operator domain, "ai.onnx" for the default domain. */
  readonly domain: string;
  readonly nodeCount: number;
  readonly ops: readonly OpCountView[];
}

/** Parameters (initializer elements) of one data type. */
export interface DtypeTotalView {
  readonly dtype: string;
  readonly tensorCount: number;
  readonly elementCount: number;
  readonly byteCount: number;
}

/** One row of the initializer table. */
export interface InitializerView {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly elementCount: number;
  readonly byteCount: number;
  readonly storage: 'inline' | 'external';
  /** External data file (relative to the model folder), or null for inline tensors. */
  readonly location: string | null;
  /** Id of the graph that owns the initializer (see `GraphView.id`). */
  readonly graphId: string;
}

/** One node attribute, its value already written as text. */
export interface AttributeView {
  readonly name: string;
  /** `AttributeProto.AttributeType` name, e.g. "INTS" or "GRAPH". */
  readonly type: string;
  /** The value as text; a long list is cut and ends with its value count. */
  readonly value: string;
  /** Ids of the subgraphs in this attribute (If branches, Loop and Scan bodies). */
  readonly graphIds: readonly string[];
}

export interface NodeView {
  readonly name: string;
  readonly opType: string;
  /** Operator domain; the empty string is `ai.onnx`. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly AttributeView[];
}

/** The main graph or one subgraph. */
export interface GraphView {
  /** "main" for the main graph; subgraphs append "/<node index>.<attribute>[.<k>]" to their parent's id. */
  readonly id: string;
  /** The graph's own name from the model (may be empty). */
  readonly name: string;
  /** Id of the enclosing graph, or null for the main graph. */
  readonly parentId: string | null;
  /** The node whose attribute contains this subgraph, or null for the main graph. */
  readonly owner: { readonly nodeName: string; readonly opType: string; readonly attribute: string } | null;
  readonly nodes: readonly NodeView[];
  readonly inputs: readonly ValueView[];
  readonly outputs: readonly ValueView[];
  readonly initializerCount: number;
}

/** Whether attention or feed-forward capture can run on this file, and why not. */
export interface CaptureSupportView {
  readonly tensorCount: number;
  /** Null when tensors were found; otherwise the reason none were. */
  readonly unavailableReason: string | null;
}

/** Facts about a file as part of an encoder-decoder model. */
export interface Seq2SeqView {
  /** "encoder", "decoder", "decoder-with-past", "decoder-merged" or "unknown". */
  readonly role: string;
  readonly layers: number | null;
  readonly heads: number | null;
  readonly dModel: number | null;
  readonly vocabSize: number | null;
  /** Cache inputs (`past_key_values.N.*`) and outputs (`present.N.*`). */
  readonly kvCacheInputs: readonly string[];
  readonly kvCacheOutputs: readonly string[];
  readonly attention: CaptureSupportView;
  readonly ffn: CaptureSupportView;
}

export interface KeyValueView {
  readonly key: string;
  readonly value: string;
}

/** One external data file and the tensors stored in it. */
export interface ExternalFileView {
  /** Path relative to the model folder, as the model writes it. */
  readonly location: string;
  readonly tensorCount: number;
  readonly byteCount: number;
  /** Whether the file exists; null when the host could not check (remote workspaces). */
  readonly exists: boolean | null;
}

/** Everything the model editor shows about one `.onnx` file. */
export interface ModelView {
  readonly fileName: string;
  readonly fileSize: number;
  readonly irVersion: number;
  readonly opsetImports: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly metadataProps: readonly KeyValueView[];
  /** External data files the initializers refer to. */
  readonly externalDataFiles: readonly ExternalFileView[];
  readonly inputs: readonly ValueView[];
  readonly outputs: readonly ValueView[];
  readonly opHistogram: readonly DomainOpsView[];
  /** Nodes in every graph, subgraphs included. */
  readonly nodeCount: number;
  readonly subgraphCount: number;
  readonly parameters: {
    readonly elementCount: number;
    readonly byteCount: number;
    readonly byDtype: readonly DtypeTotalView[];
  };
  readonly initializers: readonly InitializerView[];
  /** The main graph first, then every subgraph depth first in node order. */
  readonly graphs: readonly GraphView[];
  readonly seq2seq: Seq2SeqView;
  readonly functionCount: number;
  /** Problems that do not stop the view, such as a missing external data file. */
  readonly warnings: readonly string[];
}

/** Statistics of one tensor, computed by the host when the webview requests them. */
export interface TensorStatsView {
  readonly name: string;
  readonly elementCount: number;
  /** Null when every value is NaN (or the tensor is empty). */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation. */
  readonly std: number | null;
  /** Share of values equal to zero, 0 to 100. */
  readonly zeroPercent: number;
  readonly nanCount: number;
  /** Milliseconds the host took to read and reduce the values. */
  readonly elapsedMs: number;
}

/** A JSON file of a model folder: its top-level fields as text, or why it could not be read. */
export type JsonFileView =
  | { readonly fileName: string; readonly status: 'ok'; readonly entries: readonly KeyValueView[] }
  | { readonly fileName: string; readonly status: 'missing' }
  | { readonly fileName: string; readonly status: 'invalid'; readonly error: string };

/** One `.onnx` file of a model folder. */
export interface FolderModelView {
  /** Path relative to the folder, with "/" separators, e.g. "onnx/encoder_model.onnx". */
  readonly path: string;
  readonly fileSize: number;
  /** The file's summary, or null when it could not be read (then `error` is the reason). */
  readonly summary: FolderModelSummary | null;
  readonly error: string | null;
}

/** The part of `ModelView` that the folder view lists for each file. */
export interface FolderModelSummary {
  readonly irVersion: number;
  readonly opsetImports: ModelView['opsetImports'];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly nodeCount: number;
  readonly subgraphCount: number;
  readonly parameterCount: number;
  readonly parameterBytes: number;
  readonly inputs: readonly ValueView[];
  readonly outputs: readonly ValueView[];
  readonly seq2seq: Seq2SeqView;
}

/** Content of the folder view. */
export interface FolderView {
  /** The folder's path or URI as the user knows it. */
  readonly folder: string;
  /** The folder's URI, which the page keeps in its state so the host can reopen it after a restart. */
  readonly folderUri: string;
  readonly config: JsonFileView;
  readonly generationConfig: JsonFileView;
  readonly models: readonly FolderModelView[];
  /** `.onnx` files found but not summarized, because a folder view lists a bounded number of files. */
  readonly skippedModels: number;
}

/** Messages from the extension host to an inspector webview. */
export type HostToInspectorMessage =
  /** Localized UI strings, sent first after `ready`, because webviews cannot call `vscode.l10n`. */
  | { readonly type: 'strings'; readonly strings: Readonly<Record<string, string>> }
  /** The model to show in the editor. */
  | { readonly type: 'model'; readonly model: ModelView }
  /** The file cannot be shown; `message` is the reason and the fix. */
  | { readonly type: 'loadError'; readonly fileName: string; readonly message: string }
  /** Reply to `requestStats`: the statistics, or the error that stopped them. */
  | { readonly type: 'tensorStats'; readonly name: string; readonly stats: TensorStatsView | null; readonly error: string | null }
  /** The model folder to show in the folder view. */
  | { readonly type: 'folder'; readonly folder: FolderView };

/** Messages from an inspector webview to the extension host. */
export type InspectorToHostMessage =
  /** The webview script loaded and can receive messages. */
  | { readonly type: 'ready' }
  /** Compute statistics of the initializer or Constant value called `name`. */
  | { readonly type: 'requestStats'; readonly name: string }
  /** Open a file of the folder view in the model editor; `path` is relative to the folder. */
  | { readonly type: 'openModel'; readonly path: string };
