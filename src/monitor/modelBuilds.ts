/** How many decisions one model build made: its `audit.modelId` and `audit.modelSha256` (undefined when a decision records none). */
export interface ModelBuildCount {
  readonly modelId: string;
  readonly sha256: string | undefined;
  readonly count: number;
}

/**
 * Says so when decisions name one model id with two or more SHA-256s (a model rebuilt under the same
 * id, as the default model was after 0.1.0): figures drawn over them mix two models under one name.
 */
export function mixedBuildsWarning(builds: readonly ModelBuildCount[]): string | undefined {
  const byId = new Map<string, { sha256: string | undefined; count: number }[]>();
  for (const b of builds) byId.set(b.modelId, [...(byId.get(b.modelId) ?? []), { sha256: b.sha256, count: b.count }]);
  const mixed = [...byId].filter(([, bs]) => bs.length > 1).sort(([a], [b]) => (a < b ? -1 : 1));
  if (mixed.length === 0) return undefined;
  const parts = mixed.map(
    ([id, bs]) =>
      `${id}: ${[...bs]
        .sort((a, b) => b.count - a.count || ((a.sha256 ?? '') < (b.sha256 ?? '') ? -1 : 1))
        .map((b) => `${b.count} decision(s) by SHA-256 ${b.sha256 === undefined ? '(none recorded)' : `${b.sha256.slice(0, 12)}\u2026`}`)
        .join(', ')}`,
  );
  return `the decisions come from more than one model build under the same id (two or more builds: ${parts.join('; ')}), such as creditlift 0.1.0's default model and today's: their figures mix two models`;
}
