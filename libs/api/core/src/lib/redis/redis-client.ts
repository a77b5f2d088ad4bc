import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from './redis-connection';

/** Where Redis is: one server (REDIS_URL), or a Redis Cluster (REDIS_CLUSTER_NODES or a redis+cluster:// URL). */
export type RedisTarget = Pick<AppConfig, 'redisUrl' | 'redisCluster'>;

/** Options that only make sense per client, never for a whole cluster. */
const PER_CLUSTER = ['keyPrefix', 'lazyConnect', 'enableAutoPipelining', 'enableReadyCheck'] as const;

/**
 * An ioredis client for `target`: a `Redis`, or a `Cluster` when the target is a cluster. A Cluster
 * answers the same commands (keys route to their slot), so the app types both as `Redis`; what
 * differs (options, duplicate) goes through {@link duplicateRedis} and {@link keyPrefixOf}.
 */
export function createRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  const base = { ...redisOptionsFromUrl(target.redisUrl), ...options };
  if (!target.redisCluster) return new Redis(base);
  return asRedis(createCluster(target.redisCluster.nodes as ClusterNode[], base));
}

/** A Cluster client over `nodes`: per-client options at the top, the rest for every node. */
function createCluster(nodes: ClusterNode[], base: RedisOptions): Cluster {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a cluster has no database number or single address
  const { host, port, db, ...perNode } = base;
  const top: Record<string, unknown> = {};
  for (const k of PER_CLUSTER) if (perNode[k] !== undefined) top[k] = perNode[k];
  for (const k of PER_CLUSTER) delete perNode[k];
  return new Cluster(nodes, {
    ...top,
    redisOptions: perNode,
    // Cluster-level retries of a command (MOVED/ASK/reconnect) follow the per-node setting.
    maxRedirections: 16,
  });
}

/** The one place a Cluster is typed as `Redis` (it answers the same commands; see createRedis). */
function asRedis(cluster: Cluster): Redis {
  return cluster as unknown as Redis;
}

/** Another connection like `client` (same nodes and options), with `options` changed. */
export function duplicateRedis(client: Redis, options: RedisOptions = {}): Redis {
  if (isCluster(client)) return asRedis((client as unknown as Cluster).duplicate([], options));
  return client.duplicate(options);
}

/** The key prefix ioredis adds to `client`'s keys (commands that take a key inside an argument need it spelled out). */
export function keyPrefixOf(client: Redis): string {
  return (client.options as { keyPrefix?: string } | undefined)?.keyPrefix ?? '';
}

export function isCluster(client: unknown): boolean {
  return client instanceof Cluster;
}

/**
 * The app's key prefix: `crm:`, or `{crm}:` on a cluster, so every key of the app (BullMQ's too)
 * hashes to one slot and multi-key commands, pipelines, transactions and scripts keep working.
 */
export function appKeyPrefix(config: Pick<AppConfig, 'redisPrefix' | 'redisCluster'>): string {
  return config.redisCluster ? `{${config.redisPrefix}}:` : `${config.redisPrefix}:`;
}

/**
 * BullMQ's `connection`: plain options for one server (BullMQ opens and closes its own clients), or a
 * Cluster client (BullMQ then shares it and never closes it: the caller closes it after the queue or worker).
 */
export function bullConnection(target: RedisTarget): ConnectionOptions {
  if (!target.redisCluster) return redisOptionsFromUrl(target.redisUrl);
  const base = { ...redisOptionsFromUrl(target.redisUrl), maxRetriesPerRequest: null };
  return createCluster(target.redisCluster.nodes as ClusterNode[], base);
}
