/**
 * Document rules: what each kind of Werkraum document may hold, and the checker that applies
 * them to every change (the Yjs endpoint refuses a change that breaks one).
 */
export * from './types';
export * from './values';
export * from './richSchemas';
export * from './documents';
export * from './checker';
export { goalTreeDepth } from './goalTree';
