/** The plan's item kinds live in src/ui/plan (the paper plan reads them too); kept here for older imports. */
export * from '../../ui/plan/item-kinds.js';
