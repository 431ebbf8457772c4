/** The taxonomy lives with the domain (services/taxonomy.ts); the triage re-exports it. */
export * from '../../services/taxonomy';
