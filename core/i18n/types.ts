import type { ru } from './ru.js';
import type { RuPlural, EnPlural } from './plural.js';

export type { RuPlural, EnPlural };

export type Lang = 'ru' | 'en';

export type MessageKey = keyof typeof ru;
/** Keys whose entry is one string, not plural forms. */
export type TextKey = { [K in MessageKey]: (typeof ru)[K] extends string ? K : never }[MessageKey];
/** Keys with plural forms: they need `count`. */
export type PluralKey = Exclude<MessageKey, TextKey>;

/** The English catalogue's shape: every Russian key, plural where the Russian entry is plural. */
export type Catalogue = { [K in MessageKey]: (typeof ru)[K] extends string ? string : EnPlural };

export type Vars = Record<string, string | number>;
