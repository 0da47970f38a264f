/**
 * Field numbers and enum codes from onnx/onnx.proto (the subset creditlift uses). Kept in one
 * place so the encoder and decoder cannot disagree.
 */

/** ModelProto field numbers. */
export const ModelField = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  domain: 4,
  modelVersion: 5,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
} as const;

/** OperatorSetIdProto field numbers. */
export const OpsetField = { domain: 1, version: 2 } as const;

/** StringStringEntryProto field numbers. */
export const EntryField = { key: 1, value: 2 } as const;

/** GraphProto field numbers. */
export const GraphField = { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12, valueInfo: 13 } as const;

/** NodeProto field numbers. */
export const NodeField = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, docString: 6, domain: 7 } as const;

/** AttributeProto field numbers. */
export const AttributeField = {
  name: 1,
  f: 2,
  i: 3,
  s: 4,
  t: 5,
  g: 6,
  floats: 7,
  ints: 8,
  strings: 9,
  tensors: 10,
  graphs: 11,
  docString: 13,
  type: 20,
  refAttrName: 21,
} as const;

/** AttributeProto.AttributeType codes. */
export const AttributeTypeCode = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** ValueInfoProto field numbers. */
export const ValueInfoField = { name: 1, type: 2, docString: 3 } as const;

/** TypeProto field numbers (only tensor_type is interpreted). */
export const TypeField = { tensorType: 1 } as const;

/** TypeProto.Tensor field numbers. */
export const TensorTypeField = { elemType: 1, shape: 2 } as const;

/** TensorShapeProto field numbers. */
export const ShapeField = { dim: 1 } as const;

/** TensorShapeProto.Dimension field numbers. */
export const DimField = { dimValue: 1, dimParam: 2 } as const;

/** TensorProto field numbers. */
export const TensorField = {
  dims: 1,
  dataType: 2,
  floatData: 4,
  int32Data: 5,
  stringData: 6,
  int64Data: 7,
  name: 8,
  rawData: 9,
  doubleData: 10,
  uint64Data: 11,
  externalData: 13,
  dataLocation: 14,
} as const;
