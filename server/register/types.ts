// The FNS open datasets as the importer sees them (../../README.md, "Real enterprises"): what the
// streaming reader (./read.ts) yields and the writer (./write.ts) stores. One shape for every
// version of the register's format (4.01–4.06); every field the format makes optional is null here.

/** The three FNS datasets the importer recognises from the content of their first part. */
export type FnsDatasetKind = 'register' | 'revexp' | 'headcount';

/** `Файл/@ТипИнф` of each dataset. */
export const FNS_INFO_TYPES: Record<string, FnsDatasetKind> = {
  РЕЕСТРМСП: 'register',
  ОТКРДАННЫЕ5: 'revexp',
  ОТКРДАННЫЕ3: 'headcount',
};

/** Where a document sits in the archive: its part (ZIP member) and its position and id there. */
export interface DocumentPlace {
  part: string;
  /** 1-based position of the document in its part. */
  index: number;
  /** `Документ/@ИдДок`, when present. */
  docId: string | null;
}

/** Dates are ISO `YYYY-MM-DD` strings (the files write `ДД.ММ.ГГГГ`). */
export type IsoDate = string;

export interface RegisterOkved {
  code: string;
  name: string | null;
}

/** A contract tie of an SME to a named customer: a partnership programme (4.04+) or a 44-FZ/223-FZ contract (4.01). */
export interface RegisterTie {
  kind: 'programme' | 'contract-44' | 'contract-223';
  customerInn: string | null;
  customerName: string | null;
  /** Contract number (`НомДог`, `НомКонтрРеестр`, `НомДогРеестр`). */
  number: string | null;
  date: IsoDate | null;
  /** Subject of a contract (`ПредмКонтр`, `ПредмДог`); null for programmes. */
  subject: string | null;
}

/** One `Документ` of the SME register (`ТипИнф="РЕЕСТРМСП"`). */
export interface RegisterDocument {
  place: DocumentPlace;
  /** `Файл/@ВерсФорм` of the part, e.g. "4.05". */
  version: string | null;
  stateDate: IsoDate | null;
  /** `ДатаВклМСП`. */
  enteredAt: IsoDate | null;
  /** `ВидСубМСП`: 1 organisation, 2 sole trader, 3 head of a peasant farm. */
  subject: 'organisation' | 'sole-trader' | 'farm' | null;
  /** `КатСубМСП`: 1 micro, 2 small, 3 medium (the official 209-FZ category). */
  category: 'micro' | 'small' | 'medium' | null;
  isNew: boolean | null;
  social: boolean | null;
  /** `ССЧР` (attribute, or the 4.06 element `ССЧР/@ВеличССЧР`). */
  headcount: number | null;
  /** `ИННЮЛ` (10 digits) or `ИННФЛ` (12), as written: checksums are the writer's business. */
  inn: string | null;
  /** `ОГРН` or `ОГРНИП`. */
  ogrn: string | null;
  /** Organisation: `НаимОрг` and `НаимОргСокр`. Sole trader: the name as the register shows it ("ИП Фамилия Имя Отчество"), personal data never to be logged. */
  name: string | null;
  shortName: string | null;
  /** `СведМН/@КодРегион`, two digits as written. */
  region: string | null;
  /** Settlement (`Город` or `НаселПункт` @Наим), as written. */
  locality: string | null;
  /** `СвОКВЭДОсн` when its `ВерсОКВЭД` is 2014 (OKVED2); null when absent or of the 2001 classifier. */
  okvedMain: RegisterOkved | null;
  /** `СвОКВЭДДоп` of version 2014 only, in file order, without duplicates. */
  okvedExtra: RegisterOkved[];
  /** Codes skipped because `ВерсОКВЭД` was not 2014. */
  okvedOther: number;
  products: { code: string | null; name: string | null; innovative: boolean }[];
  ties: RegisterTie[];
}

/** One document of the revenue/expenses dataset (`ОТКРДАННЫЕ5`). */
export interface RevexpDocument {
  place: DocumentPlace;
  /** The reporting year, from `ДатаСост="31.12.YYYY"`. */
  year: number | null;
  inn: string | null;
  name: string | null;
  /** Roubles, as written (two decimals). */
  income: number | null;
  expenses: number | null;
}

/** One document of the headcount dataset (`ОТКРДАННЫЕ3`). */
export interface HeadcountDocument {
  place: DocumentPlace;
  year: number | null;
  inn: string | null;
  name: string | null;
  headcount: number | null;
}

export type FnsDocument =
  | { kind: 'register'; doc: RegisterDocument }
  | { kind: 'revexp'; doc: RevexpDocument }
  | { kind: 'headcount'; doc: HeadcountDocument };

/** A document the reader could not read (bad XML inside it, a missing INN): set aside, listed in the report. */
export interface UnreadableDocument {
  place: DocumentPlace;
  reason: string;
  /**
   * 'document': one document set aside (bad XML inside it, no INN). 'part': a whole part could
   * not be read past this point (no `Файл` head, another dataset's part, broken deflate data, an
   * unknown encoding); `place.index` is 0 and the documents it yielded before stay valid.
   * Absent means 'document'.
   */
  scope?: 'document' | 'part';
}

/** What the reader says before it yields documents. */
export interface FnsArchiveInfo {
  kind: FnsDatasetKind;
  /** ZIP members that are parts (`*.xml`), in archive order. */
  parts: number;
  /** Sum of the parts' `Файл/@КолДок` where present (an estimate: it may disagree with the real count). */
  declaredDocuments: number | null;
  /** Uncompressed bytes of all parts (for progress). */
  totalBytes: number;
  /** The first document's `ДатаСост`, or for the companions its reporting year as `YYYY-12-31`. */
  stateDate: IsoDate | null;
  /** Versions seen so far (`ВерсФорм`). */
  version: string | null;
}

/** Progress of a read: parts and documents done, uncompressed bytes read. */
export interface ReadProgress {
  parts: number;
  documents: number;
  bytes: number;
}
