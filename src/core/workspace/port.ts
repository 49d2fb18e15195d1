/** The small port through which core reads the workspace, so it never touches fs or vscode directly. */
export interface WorkspacePort {
  readText(path: string): Promise<string>;
}
