/**
 * Grows one regression tree on gradient/hessian statistics, depth by depth, XGBoost style:
 * histogram split search, the smaller child's histogram built from its rows and the larger one's
 * by subtraction from the parent, a learned default direction for missing values, and monotone
 * constraints enforced on split candidates with bounds on leaf values passed down the tree.
 *
 * Hot loops work on typed arrays and preallocated buffers; nothing is allocated per row.
 */
import type { BinnedMatrix } from './featureBins.js';

/** Settings the grower needs (already validated). */
export interface GrowSettings {
  readonly maxDepth: number;
  readonly minChildWeight: number;
  readonly lambda: number;
  readonly gamma: number;
  readonly learningRate: number;
  /** Per feature -1/0/+1. */
  readonly monotone: Int8Array;
}

/** A grown tree in bin space (split bins rather than float thresholds). */
export interface BinTree {
  readonly nNodes: number;
  /** Feature at internal nodes; -1 at leaves. */
  readonly feature: Int32Array;
  /** Rows with bin <= splitBin go left (= x < cuts[feature][splitBin]). */
  readonly splitBin: Int32Array;
  /** 1 when missing values go left. */
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf margin, learning rate applied; 0 at internal nodes. */
  readonly leafValue: Float64Array;
  /** Hessian sum of the (sampled) training rows reaching the node. */
  readonly cover: Float64Array;
  /** Loss reduction of the split; 0 at leaves. */
  readonly gain: Float64Array;
}

/** Unconstrained optimum clamped to [lower, upper]. */
function leafWeight(g: number, h: number, lambda: number, lower: number, upper: number): number {
  const w = -g / (h + lambda);
  return w < lower ? lower : w > upper ? upper : w;
}

/** Objective reduction of a leaf with weight `w` (equals g^2/(h+lambda) at the optimum), as XGBoost scores it. */
function gainAt(g: number, h: number, lambda: number, w: number): number {
  return -(2 * g * w + (h + lambda) * w * w);
}

// XGBoost's kRtEps: splits below this gain are numerical noise.
const MIN_GAIN = 1e-6;

interface Pending {
  node: number;
  start: number;
  end: number;
  g: number;
  h: number;
  lower: number;
  upper: number;
  /** Histogram buffer, or -1 when not (yet) built. */
  hist: number;
}

/**
 * Reusable state for growing many trees on the same binned matrix: histogram pool, row index
 * and partition buffers. One grower per training run.
 */
export class TreeGrower {
  private readonly data: BinnedMatrix;
  private readonly settings: GrowSettings;
  private readonly stride: number;
  private readonly pool: Float64Array[] = [];
  private readonly free: number[] = [];
  private readonly scratch: Uint32Array;
  private features: Int32Array = new Int32Array(0);
  private grad: Float64Array = new Float64Array(0);
  private hess: Float64Array = new Float64Array(0);
  private rows: Uint32Array = new Uint32Array(0);
  // Node arrays, grown as needed; a depth-d tree has at most 2^(d+1)-1 nodes.
  private readonly nf: Int32Array;
  private readonly nb: Int32Array;
  private readonly nd: Uint8Array;
  private readonly nl: Int32Array;
  private readonly nr: Int32Array;
  private readonly nv: Float64Array;
  private readonly nc: Float64Array;
  private readonly ng: Float64Array;
  private nNodes = 0;
  // Best split of the node being searched (fields rather than an object: no allocation per node).
  private bestGain = 0;
  private bestFeature = -1;
  private bestBin = -1;
  private bestDefaultLeft = 0;
  private bestGL = 0;
  private bestHL = 0;
  private bestWL = 0;
  private bestWR = 0;

  constructor(data: BinnedMatrix, settings: GrowSettings) {
    this.data = data;
    this.settings = settings;
    this.stride = data.missingBin + 1;
    this.scratch = new Uint32Array(data.nRows);
    const maxNodes = 2 ** (settings.maxDepth + 1) - 1;
    this.nf = new Int32Array(maxNodes);
    this.nb = new Int32Array(maxNodes);
    this.nd = new Uint8Array(maxNodes);
    this.nl = new Int32Array(maxNodes);
    this.nr = new Int32Array(maxNodes);
    this.nv = new Float64Array(maxNodes);
    this.nc = new Float64Array(maxNodes);
    this.ng = new Float64Array(maxNodes);
  }

  /**
   * Grows a tree on `rows` (indices into the binned matrix; reordered in place) using only the
   * ascending feature list `features`.
   */
  grow(rows: Uint32Array, grad: Float64Array, hess: Float64Array, features: Int32Array): BinTree {
    this.rows = rows;
    this.grad = grad;
    this.hess = hess;
    this.features = features;
    this.nNodes = 0;
    const { maxDepth } = this.settings;
    let g = 0;
    let h = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      g += grad[r]!;
      h += hess[r]!;
    }
    const root = this.newNode(h);
    let level: Pending[] = [{ node: root, start: 0, end: rows.length, g, h, lower: -Infinity, upper: Infinity, hist: -1 }];
    if (maxDepth > 0 && rows.length > 0) {
      level[0]!.hist = this.takeHist();
      this.buildHist(level[0]!.hist, 0, rows.length);
    }
    for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
      const next: Pending[] = [];
      const buildChildren = depth + 1 < maxDepth;
      for (const p of level) {
        if (p.end - p.start < 2 || !this.findSplit(p)) {
          this.makeLeaf(p);
          continue;
        }
        const f = this.bestFeature;
        const b = this.bestBin;
        const dl = this.bestDefaultLeft;
        const mid = this.partition(p.start, p.end, f, b, dl);
        const gl = this.bestGL;
        const hl = this.bestHL;
        const left = this.newNode(hl);
        const right = this.newNode(p.h - hl);
        const n = p.node;
        this.nf[n] = f;
        this.nb[n] = b;
        this.nd[n] = dl;
        this.nl[n] = left;
        this.nr[n] = right;
        this.ng[n] = this.bestGain;
        let lLower = p.lower;
        let lUpper = p.upper;
        let rLower = p.lower;
        let rUpper = p.upper;
        const c = this.settings.monotone[f]!;
        if (c !== 0) {
          // Every leaf below the left child stays on one side of `mid`, every leaf below the right
          // child on the other, so the constraint holds for the whole tree, not just this split.
          const m = (this.bestWL + this.bestWR) / 2;
          if (c > 0) {
            lUpper = Math.min(lUpper, m);
            rLower = Math.max(rLower, m);
          } else {
            lLower = Math.max(lLower, m);
            rUpper = Math.min(rUpper, m);
          }
        }
        const lp: Pending = { node: left, start: p.start, end: mid, g: gl, h: hl, lower: lLower, upper: lUpper, hist: -1 };
        const rp: Pending = { node: right, start: mid, end: p.end, g: p.g - gl, h: p.h - hl, lower: rLower, upper: rUpper, hist: -1 };
        if (buildChildren) {
          const leftSmaller = mid - p.start <= p.end - mid;
          const small = leftSmaller ? lp : rp;
          const large = leftSmaller ? rp : lp;
          small.hist = this.takeHist();
          this.buildHist(small.hist, small.start, small.end);
          // The parent's buffer becomes the larger child's: parent - smaller, no pass over its rows.
          this.subtractInto(p.hist, small.hist);
          large.hist = p.hist;
        } else {
          this.releaseHist(p.hist);
        }
        next.push(lp, rp);
      }
      level = next;
    }
    for (const p of level) this.makeLeaf(p);
    return this.snapshot();
  }

  private newNode(cover: number): number {
    const n = this.nNodes++;
    this.nf[n] = -1;
    this.nb[n] = -1;
    this.nd[n] = 0;
    this.nl[n] = -1;
    this.nr[n] = -1;
    this.nv[n] = 0;
    this.nc[n] = cover;
    this.ng[n] = 0;
    return n;
  }

  private makeLeaf(p: Pending): void {
    const { lambda, learningRate } = this.settings;
    this.nv[p.node] = p.end > p.start ? learningRate * leafWeight(p.g, p.h, lambda, p.lower, p.upper) : 0;
    if (p.hist >= 0) this.releaseHist(p.hist);
    p.hist = -1;
  }

  private takeHist(): number {
    const size = this.features.length * this.stride * 2;
    const id = this.free.pop();
    if (id !== undefined) {
      const buf = this.pool[id]!;
      if (buf.length >= size) return id;
      this.pool[id] = new Float64Array(size);
      return id;
    }
    this.pool.push(new Float64Array(size));
    return this.pool.length - 1;
  }

  private releaseHist(id: number): void {
    if (id >= 0) this.free.push(id);
  }

  private buildHist(id: number, start: number, end: number): void {
    const hist = this.pool[id]!;
    const feats = this.features;
    const k = feats.length;
    const stride = this.stride;
    hist.fill(0, 0, k * stride * 2);
    const { bins, nFeatures } = this.data;
    const rows = this.rows;
    const grad = this.grad;
    const hess = this.hess;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const g = grad[r]!;
      const h = hess[r]!;
      const base = r * nFeatures;
      for (let j = 0; j < k; j++) {
        const o = (j * stride + bins[base + feats[j]!]!) << 1;
        hist[o] = hist[o]! + g;
        hist[o + 1] = hist[o + 1]! + h;
      }
    }
  }

  private subtractInto(parentId: number, smallId: number): void {
    const parent = this.pool[parentId]!;
    const small = this.pool[smallId]!;
    const size = this.features.length * this.stride * 2;
    for (let i = 0; i < size; i++) parent[i] = parent[i]! - small[i]!;
  }

  /** Best split of the pending node into the `best*` fields; false when none beats the thresholds. */
  private findSplit(p: Pending): boolean {
    const hist = this.pool[p.hist]!;
    const { lambda, gamma, minChildWeight, monotone } = this.settings;
    const stride = this.stride;
    const missingBin = this.data.missingBin;
    const cuts = this.data.cuts;
    const parentW = leafWeight(p.g, p.h, lambda, p.lower, p.upper);
    const parentGain = gainAt(p.g, p.h, lambda, parentW);
    const floor = Math.max(gamma, MIN_GAIN);
    let best = floor;
    let found = false;
    const feats = this.features;
    for (let j = 0; j < feats.length; j++) {
      const f = feats[j]!;
      const nValueBins = cuts[f]!.length + 1;
      if (nValueBins < 2) continue;
      const c = monotone[f]!;
      const off = j * stride * 2;
      const gm = hist[off + 2 * missingBin]!;
      const hm = hist[off + 2 * missingBin + 1]!;
      const hasMissing = hm > 0 || gm !== 0;
      let gl = 0;
      let hl = 0;
      for (let b = 0; b + 1 < nValueBins; b++) {
        gl += hist[off + 2 * b]!;
        hl += hist[off + 2 * b + 1]!;
        // Two candidates per threshold: missing rows sent right (dir 0), or left (dir 1).
        for (let dir = 0; dir < (hasMissing ? 2 : 1); dir++) {
          const GL = dir === 1 ? gl + gm : gl;
          const HL = dir === 1 ? hl + hm : hl;
          const GR = p.g - GL;
          const HR = p.h - HL;
          if (HL < minChildWeight || HR < minChildWeight || HL <= 0 || HR <= 0) continue;
          const wl = leafWeight(GL, HL, lambda, p.lower, p.upper);
          const wr = leafWeight(GR, HR, lambda, p.lower, p.upper);
          if ((c > 0 && wl > wr) || (c < 0 && wl < wr)) continue;
          const gain = gainAt(GL, HL, lambda, wl) + gainAt(GR, HR, lambda, wr) - parentGain;
          if (gain > best) {
            best = gain;
            found = true;
            this.bestFeature = f;
            this.bestBin = b;
            // With no missing rows here, unseen missing values follow the heavier child.
            this.bestDefaultLeft = hasMissing ? dir : HL >= HR ? 1 : 0;
            this.bestGL = GL;
            this.bestHL = HL;
            this.bestWL = wl;
            this.bestWR = wr;
          }
        }
      }
    }
    this.bestGain = best;
    return found;
  }

  /** Stable in-place partition of rows[start, end): left rows first. Returns the split point. */
  private partition(start: number, end: number, f: number, splitBin: number, defaultLeft: number): number {
    const { bins, nFeatures, missingBin } = this.data;
    const rows = this.rows;
    const scratch = this.scratch;
    let nl = start;
    let nr = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const b = bins[r * nFeatures + f]!;
      const goLeft = b === missingBin ? defaultLeft === 1 : b <= splitBin;
      if (goLeft) rows[nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), nl);
    return nl;
  }

  private snapshot(): BinTree {
    const n = this.nNodes;
    return {
      nNodes: n,
      feature: this.nf.slice(0, n),
      splitBin: this.nb.slice(0, n),
      defaultLeft: this.nd.slice(0, n),
      left: this.nl.slice(0, n),
      right: this.nr.slice(0, n),
      leafValue: this.nv.slice(0, n),
      cover: this.nc.slice(0, n),
      gain: this.ng.slice(0, n),
    };
  }
}

/** Leaf value reached by binned row `r` of `bins` (row-major, `nFeatures` wide). */
export function binTreeValue(tree: BinTree, bins: Uint16Array, nFeatures: number, r: number, missingBin: number): number {
  let n = 0;
  const base = r * nFeatures;
  while (tree.feature[n]! >= 0) {
    const b = bins[base + tree.feature[n]!]!;
    const left = b === missingBin ? tree.defaultLeft[n] === 1 : b <= tree.splitBin[n]!;
    n = left ? tree.left[n]! : tree.right[n]!;
  }
  return tree.leafValue[n]!;
}
