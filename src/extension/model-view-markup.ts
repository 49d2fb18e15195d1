/**
 * A tiny HTML builder for the model webviews: the `html` tag escapes every interpolated value unless it is
 * already Html, so untrusted text from a model file can only ever land in the page as text. No vscode import.
 */
export class Html {
  constructor(readonly value: string) {}
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fragment(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Template tag: interpolations are escaped, except Html values (and arrays of them), which nest. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => (out += fragment(value) + strings[i + 1]));
  return new Html(out);
}

export function table(head: string[], rows: Array<Array<unknown>>, cls = ''): Html {
  return html`<table class="${cls}">
    <thead>
      <tr>
        ${head.map((h) => html`<th>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${row.map((cell) => html`<td>${cell}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
