/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `body` `warmup` times unmeasured, then `runs` times, and returns each run's result. */
export async function repeat<T>(runs: number, warmup: number, body: () => Promise<T>): Promise<T[]> {
  for (let i = 0; i < warmup; i++) await body();
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await body());
  return results;
}

/** Formats a markdown table. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function ms(value: number): string {
  return value.toFixed(1);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}
