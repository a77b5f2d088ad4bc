import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the schema; migrations apply at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/db/src/lib/schema/index.ts',
  out: './libs/db/migrations',
});
