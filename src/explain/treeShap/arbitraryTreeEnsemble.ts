import { z } from 'zod';
import { refuseArguments, typeNameOf } from '../../errors/argumentIssues.js';
import { ValidationError } from '../../errors/validationError.js';
import fc from 'fast-check';
import { allocateTree, NodeMode, type Tree, type TreeEnsemble } from '../../model/treeEnsemble.js';
import { readSchemaOptions } from '../../schema/readSchemaOptions.js';

/** A tree as nested data, the shape fast-check generates and shrinks. */
export type TreeSpec =
  | { readonly kind: 'leaf'; readonly value: number; readonly cover: number }
  | {
      readonly kind: 'split';
      readonly feature: number;
      readonly mode: number;
      readonly threshold: number;
      readonly missingTracksTrue: boolean;
      readonly whenTrue: TreeSpec;
      readonly whenFalse: TreeSpec;
    };

/**
 * Split thresholds and row values share this grid, so rows land exactly on thresholds (the
 * LEQ/LT and EQ/NEQ distinctions matter) and 0.1 checks float32 rounding of the row.
 */
export const THRESHOLD_GRID = [-1, -0.5, 0, 0.1, 0.5, 1] as const;

/** Options for {@link arbitraryTreeEnsemble}. */
export interface ArbitraryTreeEnsembleOptions {
  /** Feature count range; default 1..6. */
  readonly features?: { min: number; max: number };
  /** Tree count range; default 1..3. */
  readonly trees?: { min: number; max: number };
  /** Maximum depth of a tree; default 5. */
  readonly maxDepth?: number;
}

const Range = z
  .strictObject({ min: z.number().int().min(1), max: z.number().int().max(64) })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] });
const ArbitraryTreeEnsembleShape = z.strictObject({
  features: Range.optional(),
  trees: Range.optional(),
  maxDepth: z.number().int().min(0).max(20).optional(),
});

/** The widest row {@link arbitraryRow} draws (a row is one model input, not a data set). */
const MAX_ROW_WIDTH = 10_000;

/**
 * Random tree ensembles for property tests: random features, all six split modes, grid
 * thresholds, random missing directions, leaf covers that are sometimes zero, and internal covers
 * equal to the sum of their children's. Nodes are stored breadth-first, so node order differs from
 * the preorder the explainer uses.
 */
export function arbitraryTreeEnsemble(given: ArbitraryTreeEnsembleOptions = {}): fc.Arbitrary<TreeEnsemble> {
  // Read once as plain data, then parsed: a getter or Proxy is refused by name, never thrown raw.
  const read = readSchemaOptions(given, ArbitraryTreeEnsembleShape);
  if (!read.ok) throw new ValidationError('ArbitraryTreeEnsembleOptions', read.issues);
  const options = read.data;
  const features = options.features ?? { min: 1, max: 6 };
  const trees = options.trees ?? { min: 1, max: 3 };
  const maxDepth = options.maxDepth ?? 5;
  return fc.integer(features).chain((nFeatures) =>
    fc
      .record({
        specs: fc.array(arbitraryTreeSpec(nFeatures, maxDepth), { minLength: trees.min, maxLength: trees.max }),
        baseValue: fc.double({ min: -2, max: 2, noNaN: true }),
      })
      .map(
        ({ specs, baseValue }): TreeEnsemble => ({
          nFeatures,
          trees: specs.map(treeFromSpec),
          baseValue,
          postTransform: 'LOGISTIC',
        }),
      ),
  );
}

/** A random tree over `nFeatures` features, at most `maxDepth` splits deep. */
export function arbitraryTreeSpec(nFeatures: number, maxDepth: number): fc.Arbitrary<TreeSpec> {
  const leaf = fc.record({
    kind: fc.constant('leaf' as const),
    value: fc.double({ min: -3, max: 3, noNaN: true }),
    cover: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 50 }) }),
  });
  const { node } = fc.letrec<{ node: TreeSpec }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthIdentifier: 'tree', withCrossShrink: true },
      leaf,
      fc.record({
        kind: fc.constant('split' as const),
        feature: fc.nat(nFeatures - 1),
        mode: fc.integer({ min: NodeMode.BRANCH_LEQ, max: NodeMode.BRANCH_NEQ }),
        threshold: fc.constantFrom(...THRESHOLD_GRID),
        missingTracksTrue: fc.boolean(),
        whenTrue: tie('node'),
        whenFalse: tie('node'),
      }),
    ),
  }));
  return node;
}

/** Rows for an ensemble of `nFeatures` features: grid values, other values and NaN. */
export function arbitraryRow(nFeatures: number): fc.Arbitrary<number[]> {
  refuseArguments('arbitraryRow', [
    Number.isSafeInteger(nFeatures) && nFeatures >= 0 && nFeatures <= MAX_ROW_WIDTH
      ? undefined
      : { path: ['nFeatures'], code: 'out_of_range', message: `nFeatures must be a whole number from 0 to ${MAX_ROW_WIDTH}`, received: typeNameOf(nFeatures) },
  ]);
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...THRESHOLD_GRID) },
    { weight: 2, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
  );
  return fc.array(value, { minLength: nFeatures, maxLength: nFeatures });
}

/** Flattens a {@link TreeSpec} into the IR, breadth-first, with covers summed up from the leaves. */
export function treeFromSpec(spec: TreeSpec): Tree {
  // Indices are assigned by queue position, not object identity: shrinking may share subtrees.
  const queue: TreeSpec[] = [spec];
  const children: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i] as TreeSpec;
    if (s.kind === 'split') {
      children[i] = queue.length;
      queue.push(s.whenTrue, s.whenFalse);
    }
  }
  const tree = allocateTree(queue.length);
  for (let i = queue.length - 1; i >= 0; i--) {
    const s = queue[i] as TreeSpec;
    if (s.kind === 'leaf') {
      tree.leafValue[i] = s.value;
      tree.cover[i] = s.cover;
      continue;
    }
    const t = children[i] as number;
    const f = t + 1;
    tree.feature[i] = s.feature;
    tree.mode[i] = s.mode;
    tree.threshold[i] = s.threshold;
    tree.missingTracksTrue[i] = s.missingTracksTrue ? 1 : 0;
    tree.trueChild[i] = t;
    tree.falseChild[i] = f;
    tree.cover[i] = (tree.cover[t] as number) + (tree.cover[f] as number);
  }
  return tree;
}

/**
 * Deep, narrow trees: a spine of `depth` splits (each on a random feature, mode, threshold and
 * missing direction, continuing down a random side) whose other side is a leaf or a small random
 * subtree. Paths test many distinct features, which drives the quadrature size up (q = 8 at 16).
 */
export function arbitraryDeepTreeEnsemble(options: {
  features: { min: number; max: number };
  depth: { min: number; max: number };
}): fc.Arbitrary<TreeEnsemble> {
  return fc.integer(options.features).chain((nFeatures) => {
    const level = fc.record({
      feature: fc.nat(nFeatures - 1),
      mode: fc.integer({ min: NodeMode.BRANCH_LEQ, max: NodeMode.BRANCH_NEQ }),
      threshold: fc.constantFrom(...THRESHOLD_GRID),
      missingTracksTrue: fc.boolean(),
      spineTrue: fc.boolean(),
      side: arbitraryTreeSpec(nFeatures, 2),
    });
    const end = arbitraryTreeSpec(nFeatures, 1);
    const spine = fc.tuple(fc.array(level, { minLength: options.depth.min, maxLength: options.depth.max }), end).map(([levels, last]) =>
      levels.reduceRight<TreeSpec>(
        (below, l) => ({
          kind: 'split',
          feature: l.feature,
          mode: l.mode,
          threshold: l.threshold,
          missingTracksTrue: l.missingTracksTrue,
          whenTrue: l.spineTrue ? below : l.side,
          whenFalse: l.spineTrue ? l.side : below,
        }),
        last,
      ),
    );
    return fc
      .record({ specs: fc.array(spine, { minLength: 1, maxLength: 2 }), baseValue: fc.double({ min: -2, max: 2, noNaN: true }) })
      .map(({ specs, baseValue }): TreeEnsemble => ({ nFeatures, trees: specs.map(treeFromSpec), baseValue, postTransform: 'LOGISTIC' }));
  });
}
