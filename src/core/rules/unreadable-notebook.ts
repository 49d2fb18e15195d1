/**
 * LO901 unreadable-notebook: the file is not a notebook Liftoff can read (invalid JSON, nbformat 3 or
 * older, cells of the wrong shape). Emitted by the engine when reading fails; the check itself is empty.
 *
 * Why it matters: Jupyter, nbconvert, papermill and CI cannot run a notebook they cannot parse, and
 * nothing in it was checked. The rest of the workspace is still analysed.
 *
 * Bad:  a notebook with an unresolved git merge conflict (<<<<<<< HEAD inside the JSON)
 * Good: a valid nbformat 4 file (re-save it from Jupyter, or `jupyter nbconvert --to notebook`)
 */
import type { Rule } from './rule';

export const unreadableNotebook: Rule = {
  id: 'LO901',
  name: 'unreadable-notebook',
  category: 'notebook',
  severity: 'error',
  description: 'The file could not be read as an nbformat 4 notebook, so nothing in it was checked.',
  check: () => [],
};
