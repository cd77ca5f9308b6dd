import type { DataSource } from 'typeorm';
import { preparedDatabase, toNumber } from './prepared.js';
import type { PreparedStatement } from './prepared.js';

/**
 * The hot path's caches, each with a counter in the cache_generations table that triggers bump whenever a table it
 * reads changes (migration CacheGenerations):
 * - consumers: credentials, developer_apps, developers, companies (the protocol's consumer read model);
 * - principals: management_users, user_roles, organizations (verified admin credentials, their roles, known orgs);
 * - blocks: failed_attempts, only when an address's blockedUntil changes (refused addresses).
 */
export type CacheName = 'consumers' | 'principals' | 'blocks';

/**
 * The counters, read fresh for every use: one point read by primary key, in place of the reads a cache saves (a join
 * of four tables for a consumer, say). They are not shared across the requests of an event-loop turn: a request may
 * arrive after a read made earlier in its turn (a read in the check phase serves the next poll phase), and then a
 * change committed in between, by any process, would go unseen. Read after the request arrived, a counter is as good
 * as a fresh read of the cached rows, in every process and machine on the database.
 */
export class CacheGenerations {
  /** One prepared statement per data source, whichever cache asks: the statement registry shares it by name. */
  private readonly statement: PreparedStatement<number>;

  constructor(dataSource: DataSource) {
    this.statement = preparedDatabase(dataSource).statement(
      'cache_generations_of',
      'SELECT "generation" FROM "cache_generations" WHERE "name" = $1',
      (row) => toNumber(row.generation),
    );
  }

  async of(cache: CacheName): Promise<number> {
    const generation = await this.statement.one(cache);
    if (generation === undefined) throw new Error(`No cache generation named ${cache}: are the migrations run?`);
    return generation;
  }
}

/** At most this many values per cache; a full cache starts over (its values are re-read as asked for). */
const MAX_ENTRIES = 10_000;

/**
 * Values read from the database, kept while their cache's generation stays the same. The generation is read before
 * the value: a change committed in between leaves a newer value under an older generation, which the next read of
 * the generation replaces; it can never leave an older value under a newer one.
 */
export class GenerationCache<V> {
  private readonly entries = new Map<string, { generation: number; value: V }>();

  private readonly generations: CacheGenerations;

  constructor(
    dataSource: DataSource,
    private readonly cache: CacheName,
  ) {
    this.generations = new CacheGenerations(dataSource);
  }

  async get(key: string, read: () => Promise<V>): Promise<V> {
    const generation = await this.generations.of(this.cache);
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.generation === generation) return entry.value;
    const value = await read();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { generation, value });
    return value;
  }
}
