/** The creditlift version recorded in every decision's audit. A test keeps it equal to package.json. */
export const ENGINE_VERSION = '0.1.0';
