interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [mediaType, ...params] = part.trim().toLowerCase().split(';');
    const [type, subtype] = mediaType.trim().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name === 'q') q = Number(value) || 0;
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

function qualityOf(candidate: string, ranges: MediaRange[]): number {
  const [type, subtype] = candidate.split('/');
  let best = -1;
  let bestSpecificity = -1;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : 0;
    if (specificity === 0 && !(range.type === '*' && range.subtype === '*')) continue;
    if (specificity > bestSpecificity) {
      bestSpecificity = specificity;
      best = range.q;
    }
  }
  return best;
}

/**
 * The candidate the Accept header prefers (RFC 9110 12.5.1: the most specific range sets each candidate's q).
 * Ties go to the first candidate, so the first one is the default.
 */
export function negotiate<T extends string>(accept: string | undefined, candidates: readonly T[]): T {
  if (!accept) return candidates[0];
  const ranges = parseAccept(accept);
  let chosen = candidates[0];
  let chosenQ = qualityOf(chosen, ranges);
  for (const candidate of candidates.slice(1)) {
    const q = qualityOf(candidate, ranges);
    if (q > chosenQ) {
      chosen = candidate;
      chosenQ = q;
    }
  }
  return chosen;
}

const ADMIN_TYPES = ['application/json', 'application/xml', 'text/xml'] as const;

/** Admin results and errors: JSON unless the client prefers application/xml or text/xml. */
export function wantsXml(accept: string | undefined): boolean {
  return accept !== undefined && negotiate(accept, ADMIN_TYPES) !== 'application/json';
}
