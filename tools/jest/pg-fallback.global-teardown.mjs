// Stops the embedded PostgreSQL that pg-fallback.global-setup.mjs started, if it started one.
export default async function pgFallbackTeardown() {
  const server = globalThis.__crmEmbeddedPostgres;
  if (!server) return;
  globalThis.__crmEmbeddedPostgres = undefined;
  await server.stop();
}
