// The plan's contract in the order its shapes are defined (the OpenAPI components follow it).
export * from './team.js';
export * from './plan.js';
export * from './requests.js';
export * from './handover.js';
export * from './meetings.js';
