/**
 * Plain-data form of the subset of onnx.proto creditlift reads and writes: a model with one graph
 * of nodes, typed inputs/outputs, initializers and metadata. Field numbers live beside the
 * encoder and decoder, which are the only code that sees the wire.
 */

/** TensorProto.DataType codes used here. */
export const OnnxDataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  DOUBLE: 11,
} as const;

/** A tensor with its values decoded to numbers (or strings, for STRING tensors). */
export interface OnnxTensor {
  readonly name: string;
  /** TensorProto.DataType code; see {@link OnnxDataType}. */
  readonly dataType: number;
  readonly dims: readonly number[];
  /** Numeric values in row-major order (float, double and integer types). */
  readonly values: readonly number[];
  /** Values of a STRING tensor. */
  readonly strings?: readonly string[];
}

/** One node attribute, discriminated by its AttributeProto type. */
export type OnnxAttribute =
  | { readonly name: string; readonly type: 'FLOAT'; readonly value: number }
  | { readonly name: string; readonly type: 'INT'; readonly value: number }
  | { readonly name: string; readonly type: 'STRING'; readonly value: string }
  | { readonly name: string; readonly type: 'TENSOR'; readonly value: OnnxTensor }
  | { readonly name: string; readonly type: 'FLOATS'; readonly value: readonly number[] }
  | { readonly name: string; readonly type: 'INTS'; readonly value: readonly number[] }
  | { readonly name: string; readonly type: 'STRINGS'; readonly value: readonly string[] }
  /** Any attribute kind this codec does not interpret (graphs, sparse tensors, type protos). */
  | { readonly name: string; readonly type: 'OTHER'; readonly typeCode: number };

/** A graph node. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  /** Operator domain; '' is the default ai.onnx domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly OnnxAttribute[];
}

/** One dimension: a fixed size, a symbolic name, or unknown. */
export type OnnxDim = number | string | undefined;

/** A typed graph input or output. Non-tensor types have `elemType` undefined. */
export interface OnnxValueInfo {
  readonly name: string;
  /** Element type code of a tensor type; undefined for non-tensor or untyped values. */
  readonly elemType: number | undefined;
  /** Dimensions, or undefined when the rank is unknown. */
  readonly shape: readonly OnnxDim[] | undefined;
}

/** The model's single graph. */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly initializers: readonly OnnxTensor[];
}

/** One operator-set import. */
export interface OnnxOpsetImport {
  /** '' (or 'ai.onnx') for the default domain, 'ai.onnx.ml' for the ML operators. */
  readonly domain: string;
  readonly version: number;
}

/** A model: header fields, opset imports, the graph and string metadata. */
export interface OnnxModel {
  readonly irVersion: number;
  readonly opsetImports: readonly OnnxOpsetImport[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly graph: OnnxGraph;
  /** metadata_props in file order. */
  readonly metadataProps: readonly { readonly key: string; readonly value: string }[];
}
