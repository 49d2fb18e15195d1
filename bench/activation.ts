/**
 * Activation: time from `ext.activate()` to ready (loading dist/extension.js included), measured in the
 * real VS Code host (code-server) when it is installed, over a few fresh host starts; and bundle sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './stats';

export interface ActivationResult {
  /** From requiring dist/extension.js to `ext.activate()` resolving (VS Code's own bookkeeping included). */
  samplesMs: number[];
  medianMs: number;
  /** Requiring dist/extension.js. */
  loadMs: number[];
  /** Liftoff's activate() alone. */
  activateMs: number[];
  /** Starts in which activation had loaded the core (dist/engine.js): it should be none. */
  engineLoadedAtActivation: number;
  /** Loading the core afterwards, as the first analysis does. */
  engineLoadMs: number[];
  medians: { loadMs: number; activateMs: number; engineLoadMs: number };
}

export function bundleSizes(): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const f of readdirSync('dist').filter((f) => f.endsWith('.js'))) sizes[f] = statSync(join('dist', f)).size;
  return sizes;
}

export function benchActivation(starts: number): ActivationResult | undefined {
  if (!existsSync('.vscode-test/code-server-host/.ready')) return undefined;
  const samples: number[] = [];
  const loadMs: number[] = [];
  const activateMs: number[] = [];
  const engineLoadMs: number[] = [];
  let engineLoadedAtActivation = 0;
  for (let i = 0; i < starts; i++) {
    const workspace = mkdtempSync(join(tmpdir(), 'liftoff-activation-'));
    try {
      const r = spawnSync(
        process.execPath,
        [
          'scripts/run-vscode-tests.mjs',
          '--extensionDevelopmentPath',
          resolve('.'),
          '--extensionTestsPath',
          resolve('bench/activation/index.js'),
          '--workspace',
          workspace,
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      const m = /LIFTOFF_ACTIVATION_MS=([\d.]+)/.exec(r.stdout);
      if (m === null)
        throw new Error(`no activation time in the host's output (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      samples.push(Number(m[1]));
      const value = (name: string): number | undefined => {
        const v = new RegExp(`LIFTOFF_${name}=([\\d.]+)`).exec(r.stdout);
        return v === null ? undefined : Number(v[1]);
      };
      loadMs.push(value('LOAD_MS') ?? NaN);
      activateMs.push(value('ACTIVATE_MS') ?? NaN);
      if (value('ENGINE_LOADED') === 1) engineLoadedAtActivation++;
      const engine = value('ENGINE_LOAD_MS');
      if (engine !== undefined) engineLoadMs.push(engine);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  return {
    samplesMs: samples,
    medianMs: median(samples),
    loadMs,
    activateMs,
    engineLoadedAtActivation,
    engineLoadMs,
    medians: {
      loadMs: median(loadMs),
      activateMs: median(activateMs),
      engineLoadMs: engineLoadMs.length > 0 ? median(engineLoadMs) : NaN,
    },
  };
}
