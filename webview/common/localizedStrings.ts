/**
 * UI strings of a webview, with English defaults and a localized table from the host (webviews cannot call
 * `vscode.l10n`). Placeholders are `{0}`, `{1}`, … as in `vscode.l10n.t`. No DOM code, so the extension
 * host can import the default tables for their keys.
 */
export class LocalizedStrings<Key extends string> {
  private table: Readonly<Record<Key, string>>;

  constructor(private readonly defaults: Readonly<Record<Key, string>>) {
    this.table = defaults;
  }

  /**
   * Replaces the table with localized strings. Unknown keys and non-string values are skipped because a
   * host of another version may send a different set. Missing keys keep their English text.
   */
  update(localized: Readonly<Record<string, unknown>>): void {
    const next: Record<string, string> = { ...this.defaults };
    for (const key of Object.keys(this.defaults)) {
      const value = localized[key];
      if (typeof value === 'string') next[key] = value;
    }
    this.table = next as Record<Key, string>;
  }

  /** Returns the string for `key` with `{0}`, `{1}`, … replaced by `args`. */
  t(key: Key, ...args: (string | number)[]): string {
    return this.table[key].replace(/\{(\d+)\}/g, (placeholder, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? placeholder : String(value);
    });
  }
}
