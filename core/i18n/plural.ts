// The plural forms each language's catalogue entries list.

/** The forms Intl.PluralRules('ru') can select. */
export interface RuPlural {
  one: string;
  few: string;
  many: string;
  other: string;
}

/** The forms Intl.PluralRules('en') can select. */
export interface EnPlural {
  one: string;
  other: string;
}
