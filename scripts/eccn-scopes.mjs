// Reads the paragraph scope of a control row of a CCL entry ("NS applies to 3A001.b.2 and b.3",
// "RS applies to entire entry except 0A501.y") into paragraphs the engine can compare, and
// collects the paragraphs the reference data names for each ECCN.
//
// Conservative by construction: a row is narrowed to paragraphs only when the text is a list of
// this entry's own paragraph references; a row that names another entry's paragraphs, or whose
// item scope is described in words only ("shotguns with a barrel length less than 18 inches"),
// applies to the whole entry with its text as a condition the engine cannot test. Paragraphs are
// removed from a control ("except 0A501.y") only when the exception is a bare reference: an
// exception with words attached ("0A509.a for items for ECCN 0A502") is kept as a condition.
//
//   import { parseControlScope, namedParagraphs } from './eccn-scopes.mjs'

const BASE = /^\d[A-E]\d{3}$/;
const SEGMENT = /^(?:[a-z]|\d{1,2})$/;

/** Words that only frame a list of references ("applies to items controlled by ... only"). */
const FRAME_WORDS = new Set([
  'applies', 'apply', 'to', 'paragraph', 'paragraphs', 'of', 'this', 'entry', 'items', 'item', 'controlled',
  'by', 'in', 'only', 'those', 'the', 'all', 'and', 'or',
]);

/** Removes the spaces the source left inside references ("3A001.z. 1.b", "9A004 .g", "8A620. b"). */
function tidy(text) {
  return text
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/(\d[A-E]\d{3})\s+\.(?=[a-z0-9])/g, '$1.')
    .replace(/(\d[A-E]\d{3}|[a-z0-9])\.\s+(?=(?:[a-z]|\d{1,2})(?:[.,;)\s]|$))/g, '$1.');
}

/** "3A001.b.2" -> { base: "3A001", segments: ["b", "2"] }; a relative "b.3" or ".b.3" -> { segments }. */
function splitRef(text) {
  const m = /^(\d[A-E]\d{3})?\.?((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)$/.exec(text);
  if (!m) return undefined;
  const segments = m[2].split('.');
  if (!segments.every((s) => SEGMENT.test(s))) return undefined;
  return { base: m[1], segments };
}

/** A reference (full, or relative to the previous one) as the segments below the entry. */
function resolve(ref, entry, previous) {
  if (ref.base !== undefined) return ref.base === entry ? ref.segments : null; // null: another entry
  // A paragraph path alternates letters and numbers and starts with a letter: a relative reference
  // that starts with a letter starts at the top of the entry, one that starts with a number is a
  // sibling of the previous reference's last (numbered) level ("1C351.d.15 and .16" -> d.16).
  if (/^[a-z]$/.test(ref.segments[0])) return ref.segments;
  if (!previous || !/^\d+$/.test(previous.at(-1))) return undefined;
  return [...previous.slice(0, -1), ...ref.segments];
}

/** Letter or number range between two siblings: a.1 to a.3, k to n. */
function expandRange(from, to) {
  if (from.length !== to.length || from.slice(0, -1).join('.') !== to.slice(0, -1).join('.')) return undefined;
  const a = from.at(-1);
  const b = to.at(-1);
  const parent = from.slice(0, -1);
  const out = [];
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) < Number(b) && Number(b) - Number(a) < 50) {
    for (let n = Number(a); n <= Number(b); n++) out.push([...parent, String(n)]);
  } else if (/^[a-z]$/.test(a) && /^[a-z]$/.test(b) && a < b) {
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push([...parent, String.fromCharCode(c)]);
  } else return undefined;
  return out;
}

const FULL_REF = /^(\d[A-E]\d{3})\.((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)(?![A-Za-z0-9])/;
const REL_REF = /^\.?((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)(?![A-Za-z0-9])/;
const SEPARATOR = /^(?:\s*,\s*(?:and|or)\s+|\s*,\s*|\s+(?:and|or|as well as)\s+|\s+(to|through)\s+)/;
const OTHER_ECCN = /^\d[A-E]\d{3}\b/;

/**
 * Scans a clause into references (resolved to segments below `entry`) and leftover words.
 * `foreign` is set when the clause names another entry (its own references then say nothing
 * about this entry's paragraphs).
 */
function scan(clause, entry) {
  const refs = [];
  const words = [];
  let foreign = false;
  let qualified = false;
  let ownList = true;
  const leading = [];
  let afterParagraphWord = false;
  let previousForeign;
  let broken = false;
  let rest = clause;
  let inList = false; // a relative reference may follow a reference and a separator
  let range = false;
  let previous;
  while (rest.length > 0) {
    const full = FULL_REF.exec(rest);
    if (full) {
      const segments = resolve({ base: full[1], segments: full[2].split('.') }, entry, previous);
      if (segments === null) {
        if (refs.length === 0) foreign = true; // another entry's paragraphs are the scope
        else qualified = true; // ... "that meet the parameters of 3A201.a": a condition
        ownList = false;
        previousForeign = full[2].split('.');
      } else {
        ownList = true;
        addRef(segments);
      }
      rest = rest.slice(full[0].length);
      inList = true;
      continue;
    }
    const other = OTHER_ECCN.exec(rest);
    if (other) {
      if (other[0] !== entry) {
        if (refs.length === 0) foreign = true;
        else qualified = true;
      }
      rest = rest.slice(other[0].length);
      inList = false;
      continue;
    }
    if (afterParagraphWord) {
      afterParagraphWord = false;
      const rel = /^\.((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)(?![A-Za-z0-9])/.exec(rest);
      const segments = rel && resolve({ segments: rel[1].split('.') }, entry, previous);
      if (segments) {
        addRef(segments);
        rest = rest.slice(rel[0].length);
        inList = true;
        continue;
      }
    }
    if (inList) {
      const sep = SEPARATOR.exec(rest);
      if (sep) {
        const after = rest.slice(sep[0].length);
        const rel = REL_REF.exec(after);
        if (rel && !/^(?:a|an|and|or|to|in|the)\s/.test(after.slice(0, 4)) || (rel && rel[0].startsWith('.'))) {
          const ref = splitRef(rel[0]);
          if (ref && !ownList) {
            // continues another entry's list ("7A103.b or .c"): not this entry's paragraph
            if (resolve(ref, 'X', previousForeign) !== undefined) {
              rest = after.slice(rel[0].length);
              continue;
            }
          }
          const segments = ref && resolve(ref, entry, previous);
          if (segments) {
            range = sep[1] !== undefined;
            addRef(segments);
            rest = after.slice(rel[0].length);
            continue;
          }
        }
        rest = rest.slice(sep[0].length);
        if (sep[1] === undefined && /,/.test(sep[0]) === false) words.push(sep[0].trim());
        inList = false;
        continue;
      }
    }
    const word = /^\s*([^\s,;()]+|[,;()])\s*/.exec(rest);
    if (!word) break;
    const w = word[1].replace(/[."']+$/g, '').replace(/^["']+/, '').toLowerCase();
    if (w !== '' && w !== ',' && w !== ';') {
      words.push(w);
      if (refs.length === 0) leading.push(w);
    }
    // a paragraph-like token the list did not take ("b (carbon ...)"): the row cannot be read
    if (/^\.?[a-z](?:\.(?:[a-z]|\d{1,2}))+$|^\.[a-z]$|^[b-hj-z]$/.test(w)) broken = true;
    rest = rest.slice(word[0].length);
    inList = false;
    afterParagraphWord = w === 'paragraph' || w === 'paragraphs'; // "paragraphs .a and .x of this entry"
  }
  // Words before the first reference must place what they describe inside it ("amplifiers in
  // 3A001.b.2", "cameras controlled by", "as described in paragraph .a"); "shotguns ... and
  // paragraphs .c" names a second scope besides the paragraphs: the row cannot be narrowed.
  if (refs.length > 0 && leading.length > 0) {
    const last = leading.at(-1);
    const before = leading.at(-2);
    const inside = last === 'in' || last === 'by' || last === 'to' || ((last === 'paragraph' || last === 'paragraphs') && before !== 'and' && before !== 'or');
    if (!inside) broken = true;
  }
  return { refs, words, foreign, qualified, broken };

  function addRef(segments) {
    if (range && previous) {
      const expanded = expandRange(previous, segments);
      if (!expanded) broken = true;
      else for (const s of expanded.slice(1)) refs.push(s);
      range = false;
    } else refs.push(segments);
    previous = segments;
  }
}

const join = (entry, segments) => `${entry}.${segments.join('.')}`;

/** The bare references of an exception list: a part with words attached is not an exclusion. */
function bareReferences(text, entry) {
  const parts = text.split(/\s*;\s*(?:and\s+|or\s+)?|\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/).map((p) => p.trim().replace(/[.:]+$/, ''));
  const out = [];
  let previous;
  let leftover = false;
  let afterOther = false; // ".a.11" after "software for 1C607.a.10" continues that entry's list
  for (const p of parts) {
    if (p === '') continue;
    const ref = splitRef(p);
    const segments = ref && (ref.base !== undefined || !afterOther) ? resolve(ref, entry, previous) : undefined;
    if (segments) {
      out.push(segments);
      previous = segments;
      afterOther = false;
    } else {
      leftover = true;
      if (ref === undefined || ref.base !== undefined) afterOther = /\d[A-E]\d{3}/.test(p) || afterOther;
    }
  }
  return { refs: out, leftover };
}

/**
 * The paragraph scope of one control row.
 * @returns {{ paragraphs?: string[], except?: string[], conditional: boolean }}
 *   paragraphs absent: the whole entry; conditional: the text narrows the control further in
 *   words the engine cannot test (the engine assumes the control applies, and says so).
 */
export function parseControlScope(entry, appliesTo) {
  if (!BASE.test(entry)) throw new Error(`not an ECCN: ${entry}`);
  let text = tidy(appliesTo.trim());
  // The reason code and verb: "NS applies to", "RS apply to", "RS applies 1A613.y", "NP applies, unless ..."
  const head = /^(?:[A-Z]{2}|Russian industry sector sanctions)\s+appl(?:y|ies)\b(?:\s+(?:only\s+)?to\b)?\s*:?\s*/i.exec(text);
  if (!head) return { conditional: true };
  text = text.slice(head[0].length);
  if (text === '' || /^,/.test(text)) return { conditional: text !== '' };

  // "entire entry", "the entire entry, except ..."
  const entire = /^(?:the\s+)?entire\s+entry\b\s*(.*)$/is.exec(text);
  if (entire) {
    const rest = entire[1].trim();
    if (rest === '' || rest === '.') return { conditional: false };
    const except = /^[,.]?\s*except\b\s*:?\s*(?:for\s+)?(.*)$/is.exec(rest);
    if (!except) return { conditional: false }; // "entire entry. A license is required ... to ..." describes destinations
    const [list, note] = except[1].split(/\.\s+Note:\s*/);
    const { refs, leftover } = bareReferences(list.replace(/\.$/, ''), entry);
    const out = { conditional: leftover || note !== undefined };
    if (refs.length > 0) out.except = refs.map((s) => join(entry, s));
    return out;
  }

  // A list of paragraphs, with "(except .b.5)" exclusions and a trailing "except ..." condition.
  const excluded = [];
  let conditional = false;
  text = text.replace(/\(\s*except\s+([^()]*)\)/gi, (_, inner) => {
    const { refs, leftover } = bareReferences(inner, entry);
    if (leftover || refs.length === 0) conditional = true;
    else excluded.push(...refs);
    return ' ';
  });
  text = text.replace(/\([^()]*\)/g, ' '); // descriptions in parentheses: "(aramid ...)"
  if (/[()]/.test(text)) return { conditional: true }; // unbalanced: cannot be read safely
  const exceptAt = text.search(/[,;]?\s*\bexcept\b/i);
  if (exceptAt >= 0) {
    conditional = true; // "except those ... being exported for civil telecommunications": a condition
    text = text.slice(0, exceptAt);
  }
  // Clauses: "3A001.a.1.a when ...; and to 3A001.a.5.a when ...", "... 5E002.a ..., and to ... 5E002.b".
  // Each must name this entry's paragraphs before any other entry, or the row stays whole.
  const refs = [];
  for (const clause of text.split(/\s*;\s*(?:and\s+)?|,?\s+and\s+to\s+|,\s+as\s+well\s+as\s+/i)) {
    if (clause.trim() === '') continue;
    const c = scan(clause, entry);
    if (c.foreign || c.broken || c.refs.length === 0) return { conditional: true };
    if (c.qualified || c.words.some((w) => !FRAME_WORDS.has(w))) conditional = true;
    refs.push(...c.refs);
  }
  const out = { paragraphs: [...new Set(refs.map((s) => join(entry, s)))], conditional };
  if (excluded.length > 0) out.except = excluded.map((s) => join(entry, s));
  return out;
}

/** Every full paragraph reference of `entry` in a text ("$500 for 0A501.c, .d, and .x" -> c, d, x). */
export function paragraphsIn(entry, text) {
  const out = new Set();
  const t = tidy(text);
  const re = new RegExp(`${entry}\\.((?:[a-z]|\\d{1,2})(?:\\.(?:[a-z]|\\d{1,2}))*)(?![a-z0-9])`, 'g');
  for (const m of t.matchAll(re)) {
    out.add(`${entry}.${m[1]}`);
    // continuations: ", .d, and .x", " and b.3"
    let rest = t.slice(m.index + m[0].length);
    let previous = m[1].split('.');
    for (;;) {
      const sep = SEPARATOR.exec(rest);
      if (!sep) break;
      const after = rest.slice(sep[0].length);
      const rel = /^\.((?:[a-z]|\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)(?![a-z0-9])/.exec(after) ?? /^((?:[a-z]\.\d{1,2})(?:\.(?:[a-z]|\d{1,2}))*)(?![a-z0-9])/.exec(after);
      if (!rel) break;
      const segments = resolve({ segments: rel[1].split('.') }, entry, previous);
      if (!segments) break;
      if (sep[1] !== undefined) for (const s of expandRange(previous, segments) ?? []) out.add(join(entry, s));
      out.add(join(entry, segments));
      previous = segments;
      rest = after.slice(rel[0].length);
    }
  }
  return out;
}

/**
 * The paragraphs the reference data names for an ECCN entry (controls, licence exception lines,
 * STA restriction, special requirement), sorted. Used to tell a paragraph the data knows from a
 * typo: the data has no full list of an entry's paragraphs.
 */
export function namedParagraphs(entry, texts, scopes) {
  const out = new Set();
  for (const s of scopes) for (const p of [...(s.paragraphs ?? []), ...(s.except ?? [])]) out.add(p);
  for (const t of texts) if (typeof t === 'string') for (const p of paragraphsIn(entry, t)) out.add(p);
  return [...out].sort(compareParagraphs);
}

/** Paragraph order: letters and numbers level by level (a.2 before a.10). */
export function compareParagraphs(x, y) {
  const a = x.split('.');
  const b = y.split('.');
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const na = /^\d+$/.test(a[i]);
    const nb = /^\d+$/.test(b[i]);
    if (na && nb) return Number(a[i]) - Number(b[i]);
    return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
