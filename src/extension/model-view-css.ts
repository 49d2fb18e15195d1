/**
 * The model report page's style, inlined under the page's nonce (no local or remote resources to load).
 * Colours come only from VS Code's theme variables, so the page follows light, dark and high-contrast themes.
 */
export const MODEL_VIEW_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; max-width: 980px; }
h1 { font-size: 1.5em; font-weight: 600; margin-bottom: 0.2em; word-break: break-all; }
h2 { font-size: 1.15em; font-weight: 600; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 4px; }
code, pre { font-family: var(--vscode-editor-font-family); }
pre { white-space: pre-wrap; background: var(--vscode-textCodeBlock-background); padding: 8px; }
.muted { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; border-bottom: 1px solid var(--vscode-widget-border, transparent); }
table.kv th { color: var(--vscode-descriptionForeground); font-weight: normal; }
table.bench td, table.bench th { text-align: right; }
.dyn { color: var(--vscode-textLink-foreground); font-style: italic; }
svg.bar { width: 220px; height: 10px; }
svg.bar rect { fill: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); }
.box { border-left: 3px solid; padding: 6px 10px; margin: 8px 0; background: var(--vscode-textBlockQuote-background); }
.box.error { border-color: var(--vscode-editorError-foreground); }
.box.warning { border-color: var(--vscode-editorWarning-foreground); }
.box.info { border-color: var(--vscode-editorInfo-foreground); }
.badge { border-radius: 3px; padding: 0 6px; font-size: 0.9em; }
.badge.bad, h2.bad { color: var(--vscode-errorForeground); }
.badge.good { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background);
  border: none; padding: 4px 12px; cursor: pointer; font-family: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.6; cursor: default; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
`;
