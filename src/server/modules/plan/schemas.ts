// Moved to src/contract; this re-export goes once nothing imports it.
export * from '../../../contract/plan/index.js';
