/**
 * What rules may know about the project around a notebook, as plain data (structured-clone friendly, so
 * it travels to analysis workers). Built by `ProjectContexts` (context.ts) for the CLI and the extension.
 */

export interface DeclaredDependencies {
  /** Normalised distribution name (PEP 503) -> the file that declares it, as displayed to the user. */
  distributions: Readonly<Record<string, string>>;
  /** The declaration files read, as displayed (e.g. `requirements.txt`, `pyproject.toml`). */
  files: readonly string[];
}

export interface ProjectInfo {
  /** Undefined when the project has no declaration file: rules that need one stay silent. */
  dependencies?: DeclaredDependencies;
  /**
   * Top-level module names the project provides itself: `.py` files and folders beside the notebook,
   * in its parent folders up to the project root, and under the root's `src/`.
   */
  localModules?: readonly string[];
}
