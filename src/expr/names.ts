/** Spelling help for unknown names: the nearest known name by optimal-string-alignment distance. */

/** Optimal string alignment distance (Levenshtein with adjacent transpositions): `rleu` → `relu` is 1. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[m]![n]!;
}

/** The closest candidate within distance max(1, ⌊len/3⌋ + 1), or null. Ties go to the first candidate. */
export function nearestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3) + 1);
  for (const c of candidates) {
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : null;
}

export interface Token {
  readonly text: string;
  readonly position: number;
}

/** Identifiers in the source with their 0-based positions (digits of numbers like `1e-3` are skipped). */
export function identifierTokens(source: string): Token[] {
  const tokens: Token[] = [];
  const numberRe = /\d*\.?\d+(?:[eE][+-]?\d+)?/y;
  const identRe = /[A-Za-z_][A-Za-z0-9_]*/y;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/[0-9.]/.test(ch)) {
      numberRe.lastIndex = i;
      const m = numberRe.exec(source);
      i += m ? m[0].length : 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      identRe.lastIndex = i;
      const m = identRe.exec(source)!;
      tokens.push({ text: m[0], position: i });
      i += m[0].length;
    } else {
      i++;
    }
  }
  return tokens;
}

/**
 * True when the text names a direction zk (k a number): a multi-index link, parsed with
 * `variables: 'multi'`. Names bound as parameters do not count.
 * @example isMultiIndexSource('z1*z2 + tanh(z3)') // true
 * @example isMultiIndexSource('z^2 + zeta') // false
 */
export function isMultiIndexSource(source: string, parameters: Iterable<string> = []): boolean {
  const bound = new Set(parameters);
  return identifierTokens(source).some((t) => /^z\d+$/.test(t.text) && !bound.has(t.text));
}
