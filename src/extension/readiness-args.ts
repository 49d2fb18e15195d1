/** What Readiness commands receive: the view's node (from a menu) or a plain object (scripts, tests). */
import type { ReadinessItem } from '../core/readiness/types';

/** The item id of a view node `{ kind: 'item', item }`, of `{ item: 'data-2' }`, or of a bare id string. */
export function itemIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const item = (arg as { item?: unknown }).item;
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null && typeof (item as ReadinessItem).id === 'string') {
    return (item as ReadinessItem).id;
  }
  return undefined;
}

export function stringField(arg: unknown, key: string): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = (arg as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
