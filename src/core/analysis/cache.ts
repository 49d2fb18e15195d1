/**
 * Facts per distinct cell text: typing in one cell re-extracts that cell only, and identical cells
 * (across notebooks, or an unchanged notebook analysed again) are parsed once. Least recently used
 * entries are dropped past the cap. Cached facts are shared: callers must not mutate them.
 */
import { extractFacts } from './extract';
import type { CellFacts } from './facts';

export const DEFAULT_CACHE_ENTRIES = 5_000;

export class FactsCache {
  private readonly entries = new Map<string, CellFacts>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = DEFAULT_CACHE_ENTRIES) {}

  get(source: string): CellFacts {
    const cached = this.entries.get(source);
    if (cached !== undefined) {
      this.hits++;
      // Re-insert so Map order is least recently used first.
      this.entries.delete(source);
      this.entries.set(source, cached);
      return cached;
    }
    this.misses++;
    const facts = extractFacts(source);
    this.entries.set(source, facts);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
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
}
