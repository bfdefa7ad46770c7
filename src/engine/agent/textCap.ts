// Keeps a tool's answer short enough for a model's context, and says what was cut.

/**
 * `lines` joined until `maxChars`; when more would not fit, the rest is left out and
 * a last line says how many lines were left out and how to get them (`more`).
 */
export function capLines(lines: readonly string[], maxChars: number, more: string): string {
  // Room for the closing note, so the answer with it stays within maxChars.
  const budget = Math.max(0, maxChars - more.length - 60);
  const kept: string[] = [];
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (size + line.length + 1 > budget && kept.length > 0) {
      const left = lines.length - i;
      kept.push(`[${left} more line${left === 1 ? '' : 's'} left out to keep this short; ${more}]`);
      return kept.join('\n');
    }
    kept.push(line.length > budget ? `${line.slice(0, budget)}… [line cut]` : line);
    size += line.length + 1;
  }
  return kept.join('\n');
}
