/**
 * How deeply a request body may nest (contract 2.3). The parsers, class-transformer and class-validator all recurse
 * once per level, so a body 10,000 levels deep would exhaust the stack; no real body of this API comes near 32
 * levels. The limit is checked on the raw text, before anything parses or transforms it.
 */
export const MAX_BODY_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Whether JSON text nests objects and arrays deeper than `limit` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, limit: number = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

// A comment, CDATA section, processing instruction or declaration (skipped), or an element's start or end tag.
const XML_MARKUP =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** Whether an XML document nests elements deeper than `limit` (the root element is level 1). */
export function xmlNestsDeeperThan(text: string, limit: number = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  for (const [markup, closing, selfClosing] of text.matchAll(XML_MARKUP)) {
    if (markup.charCodeAt(1) === 0x21 || markup.charCodeAt(1) === 0x3f) continue;
    if (closing === '/') depth--;
    else if (selfClosing !== '/' && ++depth > limit) return true;
  }
  return false;
}

/** A body refused for its nesting: 400, as the path's surface reports a client's mistake. */
export class BodyTooDeep extends Error {
  readonly statusCode = 400;

  constructor(format: 'JSON' | 'XML') {
    super(`The ${format} body nests deeper than ${MAX_BODY_DEPTH} levels`);
  }
}
