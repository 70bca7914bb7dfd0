// The reference catalog: EAR codes, names and documentation, built from data/reference/ by
// scripts/build-catalog.mjs into server/src/catalog/catalog.data.json. Pure data, no I/O here.

export interface CclCategory {
  code: string; // "0".."9"
  title: string;
  heading?: string;
  eccnCount: number;
}

export interface ProductGroup {
  code: string; // "A".."E"
  title: string;
  eccnCount: number;
}

/**
 * One row of an entry's licence requirements table: a reason for control, the paragraphs it
 * covers, and a Country Chart column or a destination requirement written in words. Read from
 * the data's text by scripts/eccn-scopes.mjs; the text stays for display.
 */
export interface EccnControl {
  reason: string; // "NS"
  text: string; // as written: "NS applies to 3A001.b.2 and b.3 ..."
  columns: string[]; // chart columns ([] when the row names destinations in words)
  /** The destination requirement in words, when the row has no chart column ("Worldwide control ..."). */
  requirement?: string;
  /** The paragraphs the row covers ("3A001.b.2"); absent: the entry as a whole. */
  paragraphs?: string[];
  /** Paragraphs the row leaves out ("0A501.y"). */
  except?: string[];
  /** The text narrows the row in words the engine cannot test (a barrel length, an end use). */
  conditional?: boolean;
}

/** One ECCN entry of the Commerce Control List (or the EAR99 basket). */
export interface Eccn {
  code: string; // "3A001" | "EAR99"
  category: string | null;
  productGroup: string | null;
  title: string;
  heading: string;
  reasons: string[]; // reason-for-control codes: NS, MT, AT ...
  columns: string[]; // every Country Chart column the entry names
  /** Columns that apply to the entry as a whole, unconditionally (from `controls`). */
  entireEntryColumns: string[];
  /** Every licence requirement row, with its paragraph scope. */
  controls: EccnControl[];
  /** The paragraphs the reference data names for the entry (it has no full list of them). */
  paragraphs: string[];
  licenseExceptions: Record<string, string>; // LVS -> "$5000", GBS -> "Yes" ...
  notes: string[];
  flags: string[];
  specialLicenseRequirement?: string;
  /** Limits on License Exception STA for this entry (740.20), as written (truncated in the source). */
  staRestriction?: string;
}

export interface ReasonForControl {
  code: string; // "NS"
  name: string;
  basis: string;
  columns: string[];
  notes?: string;
}

export interface ChartColumn {
  code: string; // "NS1"
  reason: string; // "NS"
  meaning: string;
  basis: string;
  countriesMarked: number;
}

/** A destination: a country (ISO 3166-1 alpha-2) or a region (ISO 3166-2). */
export interface Destination {
  code: string; // "RU" | "UA-43"
  name: string; // the common English name ("Russia")
  officialName?: string; // ISO name ("Russian Federation")
  bisName?: string; // as BIS writes it in the Country Chart ("Russia")
  aliases: string[]; // other names to search by
  /** For a region: the country it belongs to. */
  parent?: string;
  countryGroups: string[]; // "A:1", "D:5" ... (a region has its country's)
  chartColumns: string[]; // Country Chart columns with an X (a region has its country's)
  chartFootnotes: string[]; // footnote texts on its chart row
  embargoes: string[]; // embargo programme ids covering it
  /** True when the Country Chart has a row for it. */
  onChart: boolean;
  /** The chart row's pointer instead of X marks (Cuba, Iran, North Korea, Syria): "See part 746 ...". */
  seeInstead?: string;
  /** Remarks from the reference data on its chart row or region (doubts, how to read it). */
  notes?: string[];
  /** For a territory, possession or department off the chart: the country whose row it takes (738.3(b)). */
  territoryOf?: string;
  /** Why a shipment there is not an export (the United States and its territories). */
  notAnExport?: string;
  /** Why the rules cannot answer for it (no chart row, no country whose row it takes). */
  unanswerable?: string;
}

export interface CountryGroup {
  code: string; // "A:1"
  title: string;
  members: string[]; // ISO alpha-2
  notes: string[];
}

export interface EmbargoProgramme {
  id: string; // "cuba"
  name: string;
  citation: string;
  destinations: string[]; // ISO codes (alpha-2 or regions)
  licenseRequirement: string;
  licenseExceptions: string[];
  reviewPolicy: string;
  /** "comprehensive embargo", "item-specific sanctions" ... */
  kind?: string;
  /** Licence-exception notes, exclusions, related (OFAC) controls. */
  notes?: string[];
}

export interface CatalogData {
  /** "eCFR as of 2026-07-23 / 2026-09-24" */
  dataAsOf: string;
  /** The later of the dates, ISO: "2026-09-24" (the `dataAsOf` of check results). */
  dataDate: string;
  notice: string;
  sources: { id: string; title: string; url?: string; asOf?: string }[];
  categories: CclCategory[];
  productGroups: ProductGroup[];
  eccns: Eccn[];
  reasons: ReasonForControl[];
  chartColumns: ChartColumn[];
  destinations: Destination[];
  countryGroups: CountryGroup[];
  embargoes: EmbargoProgramme[];
  /** Topic words -> ECCN codes (avionics, machine tools, smartphones ...). */
  topics: Record<string, string[]>;
  /** ECCNs that no longer exist (3B090), with what happened to them. */
  removedEccns?: { code: string; note: string }[];
}

/**
 * The catalog as features use it: lookups and search over CatalogData.
 * `getCatalog()` in catalog.ts loads the shipped data once, lazily, and builds the indexes.
 */
export interface Catalog {
  readonly data: CatalogData;
  /** Exact ECCN (or "EAR99"), case-insensitive. */
  eccn(code: string): Eccn | undefined;
  /** "3A001.a.1" -> the 3A001 entry; "3A001" -> itself; undefined when the base is unknown. */
  eccnOf(codeOrParagraph: string): Eccn | undefined;
  /** Shape check only: "3A001", "3A001.a.1", "EAR99". */
  isWellFormedEccn(code: string): boolean;
  /** A country (alpha-2) or region (UA-43), case-insensitive. */
  destination(code: string): Destination | undefined;
  /** By code or by any of its names ("Russia", "russian federation"), case-insensitive. */
  findDestination(codeOrName: string): Destination | undefined;
  countryGroup(code: string): CountryGroup | undefined;
  chartColumn(code: string): ChartColumn | undefined;
  reason(code: string): ReasonForControl | undefined;
  category(code: string): CclCategory | undefined;
  productGroup(code: string): ProductGroup | undefined;
  embargo(id: string): EmbargoProgramme | undefined;
  /** Codes of the destinations with an X in the column. */
  chartMembers(column: string): readonly string[];
  /** Search ECCNs by code prefix ("3A0") or words of title, heading and topics ("machine tool"). Best first. */
  searchEccns(query: string, limit?: number): Eccn[];
  /** Search destinations by code prefix or name words ("germ" -> DE, "russia" -> RU). Best first. */
  searchDestinations(query: string, limit?: number): Destination[];
  /** Nearest known ECCN codes to a bad one (edit distance), for did-you-mean. */
  suggestEccns(bad: string, limit?: number): string[];
  /** Nearest destinations by code and by name ("Germny" -> DE). */
  suggestDestinations(bad: string, limit?: number): Destination[];
  /** How many destinations need a licence for this ECCN by the Country Chart (entire-entry columns). */
  chartLicenceCount(eccn: string): number;
}
