/**
 * Jest: TypeScript through ts-jest, transpiled file by file (tsconfig's `isolatedModules`; type checking
 * is done once by `tsc --noEmit` in `npm test`).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // a migrated embedded database, copied by every in-memory test database
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
