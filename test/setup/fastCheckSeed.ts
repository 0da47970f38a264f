import fc from 'fast-check';

// Every property in `npm test` runs on one fixed seed, so a failure reproduces on the next run and on CI.
// FC_SEED overrides it (e.g. to explore, or to replay the seed a deep run printed); fast-check prints the
// seed and the shrunk counterexample of any failure.
const seed = process.env.FC_SEED === undefined ? 20261128 : Number(process.env.FC_SEED);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
