// Every diagnostic code the product emits, one registry: its usual severity, the other
// severities it may take, and a one-line summary. Each code has a section of the same name in
// docs/diagnostics.md with a wrong and a right example (test/unit/diagnostic-codes.test.ts runs
// them), and every diagnostic links to its section (`codeDescription`). A new code is one entry
// here and one section there.
import type { Severity } from './types';

interface DiagnosticCodeInfo {
  severity: Severity;
  /** Other severities the code is reported with, and when (the docs section says why). */
  also?: readonly Severity[];
  summary: string;
}

export const DIAGNOSTIC_CODES = {
  // reading the file
  'file-unreadable': { severity: 'error', summary: 'The file could not be read: not UTF-8, too large, or not a regular file.' },
  'yaml-syntax': { severity: 'error', also: ['warning'], summary: 'The text is not valid YAML (a warning for YAML that reads but is doubtful).' },
  'duplicate-key': { severity: 'error', summary: 'A key appears twice in the same mapping.' },
  'too-deep': { severity: 'error', summary: 'The YAML nests deeper than any rule file needs; it is not read.' },
  'alias-limit': { severity: 'error', summary: 'Too many YAML aliases expand in one entry; it is not read.' },
  'too-large': { severity: 'error', summary: 'One entry expands to too many YAML nodes; it is not read.' },
  // the schema
  'not-a-rule-file': { severity: 'error', summary: 'The file is not a mapping that starts with ruleset: and title:.' },
  'unknown-property': { severity: 'error', summary: 'A key the rule format does not have (often a misspelling).' },
  'missing-property': { severity: 'error', summary: 'A key the rule format requires is missing.' },
  'wrong-type': { severity: 'error', summary: 'A value of the wrong kind: text, a list, a mapping, true/false.' },
  'invalid-value': { severity: 'error', summary: 'A value the rule format does not allow here.' },
  'invalid-format': { severity: 'error', summary: 'A value without the expected form: a date yyyy-mm-dd, an id.' },
  'empty-list': { severity: 'error', summary: 'A list that must have entries is empty.' },
  'empty-selector': { severity: 'error', summary: 'An item or destination selector with no keys.' },
  // codes the reference data or the workspace does not know
  'malformed-eccn': { severity: 'error', summary: 'Text that is not written as an ECCN (or an ECCN pattern).' },
  'unknown-eccn': { severity: 'error', summary: 'An ECCN written correctly that the Commerce Control List does not have.' },
  'unknown-paragraph': { severity: 'error', summary: 'A paragraph of an ECCN that the reference data contradicts (beyond the paragraphs it enumerates).' },
  'invalid-cas': { severity: 'error', summary: 'A CAS registry number whose form or check digit is wrong.' },
  'not-an-export': { severity: 'error', also: ['warning'], summary: 'A destination that is not an export (the United States and its territories) or that the rules cannot answer for.' },
  'unknown-country': { severity: 'error', also: ['warning'], summary: 'A country or region code that does not exist (a warning when only the letter case is wrong).' },
  'unknown-country-group': { severity: 'error', also: ['warning'], summary: 'A Country Group of Supplement 1 to part 740 that does not exist.' },
  'unknown-chart-column': { severity: 'error', also: ['warning'], summary: 'A Commerce Country Chart column that does not exist.' },
  'unknown-reason': { severity: 'error', also: ['warning'], summary: 'A reason for control that does not exist.' },
  'unknown-category': { severity: 'error', summary: 'A CCL category that does not exist.' },
  'unknown-product-group': { severity: 'error', summary: 'A CCL product group that does not exist.' },
  'unknown-regime': { severity: 'error', summary: 'A regime no rule file of the workspace defines.' },
  'unknown-product': { severity: 'error', summary: 'A product sku no rule file of the workspace defines.' },
  'unknown-rule': { severity: 'error', summary: 'A rule id no rule file of the workspace defines.' },
  'unknown-exception': { severity: 'error', also: ['warning'], summary: 'A licence exception symbol that part 740 does not have (a warning when only the letter case is wrong).' },
  // the structure of the rules
  'invalid-date': { severity: 'error', summary: 'A date written yyyy-mm-dd that is not in the calendar (2023-02-29).' },
  'expires-before-effective': { severity: 'error', summary: 'A rule or ruleset that expires before it takes effect never applies.' },
  'duplicate-rule-id': { severity: 'error', summary: 'Two rules of one ruleset with the same id.' },
  'duplicate-ruleset-id': { severity: 'error', summary: 'Two rule files of the workspace with the same ruleset id.' },
  'duplicate-regime-id': { severity: 'error', summary: 'A regime defined in more than one place.' },
  'duplicate-sku': { severity: 'error', summary: 'A product sku defined more than once.' },
  'regime-cycle': { severity: 'error', summary: 'Regimes that include each other in a cycle.' },
  'regime-too-deep': { severity: 'error', summary: 'Regimes that include each other more than 64 levels deep.' },
  // what the rules decide
  'matches-nothing': { severity: 'warning', also: ['info'], summary: 'A selector or regime that matches nothing, so its rule never applies.' },
  'shadowed-rule': { severity: 'warning', summary: 'A rule that never decides: a stricter rule always applies with it.' },
  'duplicate-rule': { severity: 'hint', summary: 'A rule that repeats another: the same items, destinations and decision.' },
  'failing-test': { severity: 'error', summary: 'A rule test whose expected decision differs from the rules\' decision.' },
  // parties and the restricted-party lists
  'party-listed': { severity: 'warning', summary: 'A party whose name matches an entry of a restricted-party list.' },
  'party-possible-match': { severity: 'info', summary: 'A party whose name is close to an entry of a restricted-party list: a possible match, for review.' },
  'unknown-party': { severity: 'error', also: ['warning'], summary: 'A party id no rule file of the workspace defines.' },
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const DIAGNOSTIC_CODE_LIST = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** The link to a code's section in docs/diagnostics.md, given where that file is. */
export function codeHref(docsUri: string, code: DiagnosticCode): string {
  return `${docsUri}#${code}`;
}
