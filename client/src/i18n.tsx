// The UI language for the whole client: components call useI18n() for `t` instead of taking a
// `lang` prop. The choice persists in localStorage and is mirrored on <html lang> so screen
// readers and hyphenation follow it.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createT, type Lang, type Translator } from '../../core/i18n';

export type { Lang, Translator };

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Stable per language, so it can sit in effect and memo dependencies. */
  t: Translator;
}

const STORAGE_KEY = 'lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru'; // storage blocked (privacy mode): Russian, the default
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLang] = useState<Lang>(() => initialLang ?? storedLang());
  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      /* the choice lasts for this page only */
    }
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: createT(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <I18nProvider>');
  return value;
}
