/**
 * Facts per distinct cell text: typing in one cell re-extracts that cell only, and identical cells
 * (across notebooks, or an unchanged notebook analysed again) are parsed once. Past the cap, the least
 * recently used tenth of the entries is dropped at once. Cached facts are shared: callers must not
 * mutate them.
 */
import { extractFacts } from './extract';
import type { CellFacts } from './facts';

export const DEFAULT_CACHE_ENTRIES = 5_000;

interface Entry {
  facts: CellFacts;
  /** The clock at the last use: a hit only writes this number (every analysis looks up every cell). */
  used: number;
}

export class FactsCache {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = DEFAULT_CACHE_ENTRIES) {}

  get(source: string): CellFacts {
    const cached = this.entries.get(source);
    if (cached !== undefined) {
      this.hits++;
      cached.used = ++this.clock;
      return cached.facts;
    }
    this.misses++;
    const facts = extractFacts(source);
    this.entries.set(source, { facts, used: ++this.clock });
    if (this.entries.size > this.maxEntries) this.evict();
    return facts;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /** Drops the least recently used tenth (at least one entry): one sort per that many misses. */
  private evict(): void {
    const drop = Math.max(1, Math.floor(this.maxEntries / 10));
    const byUse = [...this.entries].sort((a, b) => a[1].used - b[1].used);
    for (let i = 0; i < drop && i < byUse.length; i++) this.entries.delete((byUse[i] as [string, Entry])[0]);
  }
}
