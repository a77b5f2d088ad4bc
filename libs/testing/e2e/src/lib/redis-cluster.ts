import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackChild, waitUntilReady, type ChildHandle } from './child-process';
import { freePort } from './free-port';

export interface RedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`: the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** Stops every node and removes their directory. */
  stop(): Promise<void>;
}

/** Why a local cluster cannot be started here (no redis-server or redis-cli on PATH), or null when it can. */
export function redisClusterUnavailable(): string | null {
  const missing = ['redis-server', 'redis-cli'].filter(
    (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0,
  );
  return missing.length ? `${missing.join(' and ')} not on PATH: install Redis (apt-get install redis-server)` : null;
}

/** A free port whose cluster bus port (+10000) is free too. */
async function freeNodePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 <= 65_535 && (await isFree(port + 10_000))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A throwaway Redis Cluster of `masters` nodes (no replicas, no persistence) on loopback, created with
 * `redis-cli --cluster create`; resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-redis-cluster-'));
  const ports: number[] = [];
  const nodes: ChildHandle[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freeNodePort();
      ports.push(port);
      const node = trackChild(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--dir',
            dir,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
      nodes.push(node);
      await waitUntilReady(
        `redis-server :${port}`,
        node,
        () => /Ready to accept connections/.test(node.output()),
        10_000,
      );
    }
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${create.stdout}${create.stderr}`);
    for (const port of ports) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const info = spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' });
        if (/cluster_state:ok/.test(info.stdout)) break;
        if (Date.now() > deadline) throw new Error(`cluster node :${port} not ok:\n${info.stdout}${info.stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { nodes: ports.map((p) => `127.0.0.1:${p}`).join(','), ports, stop };
}
