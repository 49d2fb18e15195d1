/**
 * Paths inside the target folder and inside template folders. Every path a scaffold writes or reads
 * passes through `safeRelativePath`, so neither a catalogue entry nor a user's override can reach
 * outside the folder it belongs to (no absolute paths, drive letters, `..`, backslashes or NULs).
 */

export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`unsafe path ${JSON.stringify(path)}: ${reason}`);
    this.name = 'UnsafePathError';
  }
}

/** Returns the normalised relative path (forward slashes, no `.` segments) or throws UnsafePathError. */
export function safeRelativePath(path: string): string {
  if (path === '') throw new UnsafePathError(path, 'it is empty');
  if (/[\u0000-\u001f]/.test(path)) throw new UnsafePathError(path, 'it contains control characters');
  if (path.includes('\\')) throw new UnsafePathError(path, 'use forward slashes');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw new UnsafePathError(path, 'it is absolute');
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) throw new UnsafePathError(path, 'it names the folder itself');
  if (segments.includes('..')) throw new UnsafePathError(path, 'it climbs out of the folder with ..');
  return segments.join('/');
}

/** The folder part of a relative path ("a/b/c.txt" -> "a/b", "c.txt" -> ""). */
export function parentOf(relative: string): string {
  const i = relative.lastIndexOf('/');
  return i < 0 ? '' : relative.slice(0, i);
}

/** The last segment of a relative or absolute path, either slash. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
