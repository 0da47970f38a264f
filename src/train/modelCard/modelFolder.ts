import { z } from 'zod';
import { ModelManifest } from '../../model/manifest.js';
import { Sha256Hex } from '../../schema/primitives.js';
import { TrainingReport } from '../commands/trainingReport.js';

/**
 * What a model folder holds, as `readModelFolder` reads it and a trained model's card is rendered
 * from: the model file's size and digest, the manifest inside it (the one the scorer feeds the model
 * by), whether `manifest.json` beside it was there, and the training report when there is one.
 *
 * A report naming another model's SHA-256 is refused (`model_mismatch` at `report.model.sha256`):
 * its figures would describe a model other than the one the card names.
 */
export const ModelFolder = z
  .strictObject({
    /** SHA-256 of `model.onnx`'s bytes. */
    modelSha256: Sha256Hex,
    /** Size of `model.onnx` in bytes. */
    modelBytes: z.number().int().min(0),
    manifest: ModelManifest,
    /** `matches`: `manifest.json` is the manifest inside the model; `absent`: the folder has none. */
    manifestFile: z.enum(['matches', 'absent']),
    /** `training-report.json`, when the folder has one. */
    report: TrainingReport.optional(),
  })
  .superRefine((folder, ctx) => {
    const named = folder.report?.model?.sha256;
    if (named !== undefined && named !== folder.modelSha256)
      ctx.addIssue({
        code: 'custom',
        path: ['report', 'model', 'sha256'],
        message: `the training report was written with the model whose SHA-256 is ${named}, not this one (${folder.modelSha256})`,
        params: { creditliftCode: 'model_mismatch' },
      });
  });
/** A model folder as read; see {@link ModelFolder}. */
export type ModelFolder = z.infer<typeof ModelFolder>;

/** The file `creditlift train` writes a model's card to, in its folder. */
export const MODEL_CARD_FILE = 'MODEL_CARD.md';
