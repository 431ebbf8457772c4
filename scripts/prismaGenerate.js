#!/usr/bin/env node
// Runs `prisma generate` without downloading a schema-engine binary.
// Why: `prisma generate` only checks that PRISMA_SCHEMA_ENGINE_BINARY points at an existing file;
// generation itself needs no engine (see ../shared/DESIGN.md, "Facts about the toolchain").
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const prismaCli = path.join(__dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
