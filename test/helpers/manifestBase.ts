/** A model manifest without its feature columns: tests add the columns they are about. */
export const manifestBase = {
  format: 'creditlift.manifest/1',
  name: 'm',
  version: '1',
  inputName: 'features',
  probabilityOutputName: 'probabilities',
  target: { column: 'y', positive: '1' },
  params: {},
} as const;
