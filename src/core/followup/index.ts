// Public API of the follow-up core (uppföljning): survey data model, indicator definitions,
// the cube engine (counts, suppression, CIs, differences), response rates, synthetic data and
// the import pipeline. Pure except for import/ (streams, hashing). See README.md.

export * from './types.js';
export * from './instrument.js';
export * from './indicators.js';
export * from './dimensions.js';
export * from './survey-data.js';
export * from './binary-suppression.js';
export * from './response-rates.js';
export * from './cube-types.js';
export * from './cube-layout.js';
export { PublishedCube } from './cube-publish.js';
export * from './cube.js';
export * from './synthetic.js';
export * from './synthetic-csv.js';
export * from './random.js';
export * from './import/index.js';
