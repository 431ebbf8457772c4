// Prisma CLI configuration: the schema is a folder (one .prisma file per area), migrations beside it.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
