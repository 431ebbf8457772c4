/** Jest: TypeScript through ts-jest (type checking is done once by `tsc --noEmit` in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // one migrated embedded database per run, copied by every in-memory test database
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
