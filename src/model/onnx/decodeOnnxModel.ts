import { CreditliftError } from '../../errors/creditliftError.js';
import {
  AttributeField,
  AttributeTypeCode,
  DimField,
  EntryField,
  GraphField,
  ModelField,
  NodeField,
  OpsetField,
  ShapeField,
  TensorField,
  TensorTypeField,
  TypeField,
  ValueInfoField,
} from './onnxFields.js';
import type { OnnxAttribute, OnnxDim, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnxModel.js';
import { OnnxDataType } from './onnxModel.js';
import { ProtoReader } from './protobufReader.js';
import { WireType } from './protobufWriter.js';

const utf8 = new TextDecoder();

/**
 * Parses ONNX protobuf bytes into an {@link OnnxModel}. Unknown fields are skipped, so files from
 * any exporter load; malformed bytes or a file without a graph throw CreditliftError
 * 'model_load_failed'.
 *
 * @example
 * const model = decodeOnnxModel(readFileSync('model.onnx'));
 */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const r = new ProtoReader(bytes);
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let modelVersion = 0;
  let docString = '';
  let graph: OnnxGraph | undefined;
  const opsetImports: { domain: string; version: number }[] = [];
  const metadataProps: { key: string; value: string }[] = [];
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === ModelField.irVersion && wireType === WireType.VARINT) irVersion = r.varint();
    else if (field === ModelField.producerName && wireType === WireType.LENGTH_DELIMITED) producerName = r.stringValue();
    else if (field === ModelField.producerVersion && wireType === WireType.LENGTH_DELIMITED) producerVersion = r.stringValue();
    else if (field === ModelField.domain && wireType === WireType.LENGTH_DELIMITED) domain = r.stringValue();
    else if (field === ModelField.modelVersion && wireType === WireType.VARINT) modelVersion = r.varint();
    else if (field === ModelField.docString && wireType === WireType.LENGTH_DELIMITED) docString = r.stringValue();
    else if (field === ModelField.graph && wireType === WireType.LENGTH_DELIMITED) graph = readGraph(r.bytesValue());
    else if (field === ModelField.opsetImport && wireType === WireType.LENGTH_DELIMITED) opsetImports.push(readOpset(r.bytesValue()));
    else if (field === ModelField.metadataProps && wireType === WireType.LENGTH_DELIMITED) metadataProps.push(readEntry(r.bytesValue()));
    else r.skip(wireType);
  }
  if (graph === undefined || irVersion <= 0) {
    throw new CreditliftError('model_load_failed', 'Not an ONNX model: no ir_version or graph found');
  }
  return { irVersion, opsetImports, producerName, producerVersion, domain, modelVersion, docString, graph, metadataProps };
}

function readOpset(bytes: Uint8Array): { domain: string; version: number } {
  const r = new ProtoReader(bytes);
  let domain = '';
  let version = 0;
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === OpsetField.domain && wireType === WireType.LENGTH_DELIMITED) domain = r.stringValue();
    else if (field === OpsetField.version && wireType === WireType.VARINT) version = r.varint();
    else r.skip(wireType);
  }
  return { domain, version };
}

function readEntry(bytes: Uint8Array): { key: string; value: string } {
  const r = new ProtoReader(bytes);
  let key = '';
  let value = '';
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === EntryField.key && wireType === WireType.LENGTH_DELIMITED) key = r.stringValue();
    else if (field === EntryField.value && wireType === WireType.LENGTH_DELIMITED) value = r.stringValue();
    else r.skip(wireType);
  }
  return { key, value };
}

function readGraph(bytes: Uint8Array): OnnxGraph {
  const r = new ProtoReader(bytes);
  let name = '';
  const nodes: OnnxNode[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const initializers: OnnxTensor[] = [];
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (wireType !== WireType.LENGTH_DELIMITED) r.skip(wireType);
    else if (field === GraphField.node) nodes.push(readNode(r.bytesValue()));
    else if (field === GraphField.name) name = r.stringValue();
    else if (field === GraphField.initializer) initializers.push(readTensor(r.bytesValue()));
    else if (field === GraphField.input) inputs.push(readValueInfo(r.bytesValue()));
    else if (field === GraphField.output) outputs.push(readValueInfo(r.bytesValue()));
    else r.skip(wireType);
  }
  // Old exporters list initializers among the inputs; they are weights, not feeds.
  const weights = new Set(initializers.map((t) => t.name));
  return { name, nodes, inputs: inputs.filter((i) => !weights.has(i.name)), outputs, initializers };
}

function readNode(bytes: Uint8Array): OnnxNode {
  const r = new ProtoReader(bytes);
  let name = '';
  let opType = '';
  let domain = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: OnnxAttribute[] = [];
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (wireType !== WireType.LENGTH_DELIMITED) r.skip(wireType);
    else if (field === NodeField.input) inputs.push(r.stringValue());
    else if (field === NodeField.output) outputs.push(r.stringValue());
    else if (field === NodeField.name) name = r.stringValue();
    else if (field === NodeField.opType) opType = r.stringValue();
    else if (field === NodeField.attribute) attributes.push(readAttribute(r.bytesValue()));
    else if (field === NodeField.domain) domain = r.stringValue();
    else r.skip(wireType);
  }
  return { name, opType, domain, inputs, outputs, attributes };
}

function readAttribute(bytes: Uint8Array): OnnxAttribute {
  const r = new ProtoReader(bytes);
  let name = '';
  let typeCode = 0;
  let f: number | undefined;
  let i: number | undefined;
  let s: Uint8Array | undefined;
  let t: OnnxTensor | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  const strings: string[] = [];
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === AttributeField.name && wireType === WireType.LENGTH_DELIMITED) name = r.stringValue();
    else if (field === AttributeField.type && wireType === WireType.VARINT) typeCode = r.varint();
    else if (field === AttributeField.f && wireType === WireType.FIXED32) f = r.floatValue();
    else if (field === AttributeField.i && wireType === WireType.VARINT) i = r.varint();
    else if (field === AttributeField.s && wireType === WireType.LENGTH_DELIMITED) s = r.bytesValue();
    else if (field === AttributeField.t && wireType === WireType.LENGTH_DELIMITED) t = readTensor(r.bytesValue());
    else if (field === AttributeField.floats) r.repeatedFloats(wireType, floats);
    else if (field === AttributeField.ints) r.repeatedVarints(wireType, ints);
    else if (field === AttributeField.strings && wireType === WireType.LENGTH_DELIMITED) strings.push(r.stringValue());
    else r.skip(wireType);
  }
  if (typeCode === 0) typeCode = guessAttributeType({ f, i, s, t, floats, ints, strings });
  switch (typeCode) {
    case AttributeTypeCode.FLOAT:
      return { name, type: 'FLOAT', value: f ?? 0 };
    case AttributeTypeCode.INT:
      return { name, type: 'INT', value: i ?? 0 };
    case AttributeTypeCode.STRING:
      return { name, type: 'STRING', value: s ? utf8.decode(s) : '' };
    case AttributeTypeCode.TENSOR:
      if (t === undefined) throw new CreditliftError('model_load_failed', `Attribute "${name}" is declared a tensor but holds none`);
      return { name, type: 'TENSOR', value: t };
    case AttributeTypeCode.FLOATS:
      return { name, type: 'FLOATS', value: floats };
    case AttributeTypeCode.INTS:
      return { name, type: 'INTS', value: ints };
    case AttributeTypeCode.STRINGS:
      return { name, type: 'STRINGS', value: strings };
    default:
      return { name, type: 'OTHER', typeCode };
  }
}

/** IR version 1 files carry no attribute type; infer it from the field that is present. */
function guessAttributeType(v: {
  f: number | undefined;
  i: number | undefined;
  s: Uint8Array | undefined;
  t: OnnxTensor | undefined;
  floats: number[];
  ints: number[];
  strings: string[];
}): number {
  if (v.floats.length > 0) return AttributeTypeCode.FLOATS;
  if (v.ints.length > 0) return AttributeTypeCode.INTS;
  if (v.strings.length > 0) return AttributeTypeCode.STRINGS;
  if (v.t !== undefined) return AttributeTypeCode.TENSOR;
  if (v.s !== undefined) return AttributeTypeCode.STRING;
  if (v.f !== undefined) return AttributeTypeCode.FLOAT;
  if (v.i !== undefined) return AttributeTypeCode.INT;
  return 0;
}

function readTensor(bytes: Uint8Array): OnnxTensor {
  const r = new ProtoReader(bytes);
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  const numbers: number[] = [];
  const strings: string[] = [];
  let raw: Uint8Array | undefined;
  let external = false;
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === TensorField.dims) r.repeatedVarints(wireType, dims);
    else if (field === TensorField.dataType && wireType === WireType.VARINT) dataType = r.varint();
    else if (field === TensorField.floatData) r.repeatedFloats(wireType, numbers);
    else if (field === TensorField.doubleData) r.repeatedDoubles(wireType, numbers);
    else if (field === TensorField.int32Data || field === TensorField.int64Data || field === TensorField.uint64Data) r.repeatedVarints(wireType, numbers);
    else if (field === TensorField.stringData && wireType === WireType.LENGTH_DELIMITED) strings.push(r.stringValue());
    else if (field === TensorField.name && wireType === WireType.LENGTH_DELIMITED) name = r.stringValue();
    else if (field === TensorField.rawData && wireType === WireType.LENGTH_DELIMITED) raw = r.bytesValue();
    else if (field === TensorField.dataLocation && wireType === WireType.VARINT) external = r.varint() === 1;
    else r.skip(wireType);
  }
  if (external) throw new CreditliftError('model_unsupported', `Tensor "${name}" stores its data in an external file, which is not supported`);
  const values = raw !== undefined ? decodeRaw(raw, dataType, name) : numbers;
  return dataType === OnnxDataType.STRING ? { name, dataType, dims, values: [], strings } : { name, dataType, dims, values };
}

function decodeRaw(raw: Uint8Array, dataType: number, name: string): number[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: number[] = [];
  const step = (size: number, read: (offset: number) => number): number[] => {
    if (raw.length % size !== 0) throw new CreditliftError('model_load_failed', `Tensor "${name}" raw_data length ${raw.length} is not a multiple of ${size}`);
    for (let o = 0; o < raw.length; o += size) out.push(read(o));
    return out;
  };
  switch (dataType) {
    case OnnxDataType.FLOAT:
      return step(4, (o) => view.getFloat32(o, true));
    case OnnxDataType.DOUBLE:
      return step(8, (o) => view.getFloat64(o, true));
    case OnnxDataType.INT64:
      return step(8, (o) => Number(view.getBigInt64(o, true)));
    case OnnxDataType.INT32:
      return step(4, (o) => view.getInt32(o, true));
    case OnnxDataType.UINT8:
    case OnnxDataType.BOOL:
      return step(1, (o) => view.getUint8(o));
    case OnnxDataType.INT8:
      return step(1, (o) => view.getInt8(o));
    default:
      throw new CreditliftError('model_unsupported', `Tensor "${name}" has data type ${dataType}, which is not supported`);
  }
}

function readValueInfo(bytes: Uint8Array): OnnxValueInfo {
  const r = new ProtoReader(bytes);
  let name = '';
  let elemType: number | undefined;
  let shape: OnnxDim[] | undefined;
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === ValueInfoField.name && wireType === WireType.LENGTH_DELIMITED) name = r.stringValue();
    else if (field === ValueInfoField.type && wireType === WireType.LENGTH_DELIMITED) {
      const tr = new ProtoReader(r.bytesValue());
      while (!tr.done) {
        const t = tr.tag();
        if (t.field === TypeField.tensorType && t.wireType === WireType.LENGTH_DELIMITED) {
          const tensorType = readTensorType(tr.bytesValue());
          elemType = tensorType.elemType;
          shape = tensorType.shape;
        } else tr.skip(t.wireType);
      }
    } else r.skip(wireType);
  }
  return { name, elemType, shape };
}

function readTensorType(bytes: Uint8Array): { elemType: number; shape: OnnxDim[] | undefined } {
  const r = new ProtoReader(bytes);
  let elemType = 0;
  let shape: OnnxDim[] | undefined;
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === TensorTypeField.elemType && wireType === WireType.VARINT) elemType = r.varint();
    else if (field === TensorTypeField.shape && wireType === WireType.LENGTH_DELIMITED) {
      shape = [];
      const sr = new ProtoReader(r.bytesValue());
      while (!sr.done) {
        const t = sr.tag();
        if (t.field === ShapeField.dim && t.wireType === WireType.LENGTH_DELIMITED) shape.push(readDim(sr.bytesValue()));
        else sr.skip(t.wireType);
      }
    } else r.skip(wireType);
  }
  return { elemType, shape };
}

function readDim(bytes: Uint8Array): OnnxDim {
  const r = new ProtoReader(bytes);
  let dim: OnnxDim;
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === DimField.dimValue && wireType === WireType.VARINT) dim = r.varint();
    else if (field === DimField.dimParam && wireType === WireType.LENGTH_DELIMITED) dim = r.stringValue();
    else r.skip(wireType);
  }
  return dim;
}
