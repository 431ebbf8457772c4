/** The taxonomy lives with the domain (triage/taxonomy.ts); the triage re-exports it. */
export * from './taxonomy';
