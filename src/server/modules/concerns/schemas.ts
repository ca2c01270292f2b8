// Moved to src/contract; this re-export goes once nothing imports it.
export * from '../../../contract/common.js';
export * from '../../../contract/person.js';
export * from '../../../contract/concern-decision.js';
export { WheelIndicator } from '../../../contract/wheel.js';
export * from '../../../contract/concerns.js';
