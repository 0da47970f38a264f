import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnxModel.js';
import { OnnxDataType } from './onnxModel.js';
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
import { ProtoWriter } from './protobufWriter.js';

/**
 * Serialises an {@link OnnxModel} to ONNX protobuf bytes. Fields are written in a fixed order and
 * numeric arrays packed, so equal models give byte-identical files.
 *
 * @example
 * const bytes = encodeOnnxModel(model); // then InferenceSession.create(bytes)
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int64Field(ModelField.irVersion, model.irVersion);
  if (model.producerName) w.stringField(ModelField.producerName, model.producerName);
  if (model.producerVersion) w.stringField(ModelField.producerVersion, model.producerVersion);
  if (model.domain) w.stringField(ModelField.domain, model.domain);
  if (model.modelVersion) w.int64Field(ModelField.modelVersion, model.modelVersion);
  if (model.docString) w.stringField(ModelField.docString, model.docString);
  w.messageField(ModelField.graph, (g) => writeGraph(g, model.graph));
  for (const op of model.opsetImports) {
    w.messageField(ModelField.opsetImport, (o) => {
      o.stringField(OpsetField.domain, op.domain);
      o.int64Field(OpsetField.version, op.version);
    });
  }
  for (const { key, value } of model.metadataProps) {
    w.messageField(ModelField.metadataProps, (e) => {
      e.stringField(EntryField.key, key);
      e.stringField(EntryField.value, value);
    });
  }
  return w.finish();
}

function writeGraph(w: ProtoWriter, graph: OnnxGraph): void {
  for (const node of graph.nodes) w.messageField(GraphField.node, (n) => writeNode(n, node));
  w.stringField(GraphField.name, graph.name);
  for (const t of graph.initializers) w.messageField(GraphField.initializer, (m) => writeTensor(m, t));
  for (const v of graph.inputs) w.messageField(GraphField.input, (m) => writeValueInfo(m, v));
  for (const v of graph.outputs) w.messageField(GraphField.output, (m) => writeValueInfo(m, v));
}

function writeNode(w: ProtoWriter, node: OnnxNode): void {
  for (const i of node.inputs) w.stringField(NodeField.input, i);
  for (const o of node.outputs) w.stringField(NodeField.output, o);
  if (node.name) w.stringField(NodeField.name, node.name);
  w.stringField(NodeField.opType, node.opType);
  for (const a of node.attributes) w.messageField(NodeField.attribute, (m) => writeAttribute(m, a));
  if (node.domain) w.stringField(NodeField.domain, node.domain);
}

function writeAttribute(w: ProtoWriter, a: OnnxAttribute): void {
  w.stringField(AttributeField.name, a.name);
  switch (a.type) {
    case 'FLOAT':
      w.floatField(AttributeField.f, a.value);
      w.int64Field(AttributeField.type, AttributeTypeCode.FLOAT);
      return;
    case 'INT':
      w.int64Field(AttributeField.i, a.value);
      w.int64Field(AttributeField.type, AttributeTypeCode.INT);
      return;
    case 'STRING':
      w.stringField(AttributeField.s, a.value);
      w.int64Field(AttributeField.type, AttributeTypeCode.STRING);
      return;
    case 'TENSOR':
      w.messageField(AttributeField.t, (m) => writeTensor(m, a.value));
      w.int64Field(AttributeField.type, AttributeTypeCode.TENSOR);
      return;
    case 'FLOATS':
      w.packedFloats(AttributeField.floats, a.value);
      w.int64Field(AttributeField.type, AttributeTypeCode.FLOATS);
      return;
    case 'INTS':
      w.packedVarints(AttributeField.ints, a.value);
      w.int64Field(AttributeField.type, AttributeTypeCode.INTS);
      return;
    case 'STRINGS':
      for (const s of a.value) w.stringField(AttributeField.strings, s);
      w.int64Field(AttributeField.type, AttributeTypeCode.STRINGS);
      return;
    case 'OTHER':
      throw new RangeError(`cannot encode attribute "${a.name}" of unsupported type ${a.typeCode}`);
  }
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  w.packedVarints(TensorField.dims, t.dims);
  w.int64Field(TensorField.dataType, t.dataType);
  switch (t.dataType) {
    case OnnxDataType.FLOAT:
      w.packedFloats(TensorField.floatData, t.values);
      break;
    case OnnxDataType.DOUBLE:
      w.packedDoubles(TensorField.doubleData, t.values);
      break;
    case OnnxDataType.INT64:
      w.packedVarints(TensorField.int64Data, t.values);
      break;
    case OnnxDataType.STRING:
      for (const s of t.strings ?? []) w.stringField(TensorField.stringData, s);
      break;
    default:
      // int32, uint8, int8, bool all live in int32_data.
      w.packedVarints(TensorField.int32Data, t.values);
  }
  if (t.name) w.stringField(TensorField.name, t.name);
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.stringField(ValueInfoField.name, v.name);
  const elemType = v.elemType;
  if (elemType === undefined) return;
  w.messageField(ValueInfoField.type, (t) =>
    t.messageField(TypeField.tensorType, (tt) => {
      tt.int64Field(TensorTypeField.elemType, elemType);
      if (v.shape === undefined) return;
      const shape = v.shape;
      tt.messageField(TensorTypeField.shape, (s) => {
        for (const d of shape) {
          s.messageField(ShapeField.dim, (dm) => {
            if (typeof d === 'number') dm.int64Field(DimField.dimValue, d);
            else if (typeof d === 'string') dm.stringField(DimField.dimParam, d);
          });
        }
      });
    }),
  );
}
