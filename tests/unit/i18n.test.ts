// The translation catalogues: both languages have the same keys, every plural entry has the forms
// its language's plural rules can select, real counts take the right form, and no user-facing
// Russian lives in the client outside the catalogues.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createT, en, ru, translate, type Lang } from '../../core/i18n/index.js';

const CATALOGUES: Record<Lang, Record<string, unknown>> = { ru, en };
const FORMS: Record<Lang, string[]> = {
  ru: new Intl.PluralRules('ru').resolvedOptions().pluralCategories,
  en: new Intl.PluralRules('en').resolvedOptions().pluralCategories,
};

describe('catalogues', () => {
  it('RU and EN have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('an entry is plural in both languages or in neither', () => {
    for (const key of Object.keys(ru)) {
      expect(typeof (en as Record<string, unknown>)[key], key).toBe(typeof (ru as Record<string, unknown>)[key]);
    }
  });

  it('every plural entry has exactly the forms of its language', () => {
    expect([...FORMS.ru].sort()).toEqual(['few', 'many', 'one', 'other']);
    expect([...FORMS.en].sort()).toEqual(['one', 'other']);
    for (const lang of ['ru', 'en'] as const) {
      for (const [key, entry] of Object.entries(CATALOGUES[lang])) {
        if (typeof entry === 'string') continue;
        expect(Object.keys(entry as object).sort(), `${lang} ${key}`).toEqual([...FORMS[lang]].sort());
      }
    }
  });

  it('no entry is empty and every {variable} is named the same in both languages', () => {
    const variables = (v: unknown) => [...new Set(JSON.stringify(v).match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(ru)) {
      const r = (ru as Record<string, unknown>)[key];
      const e = (en as Record<string, unknown>)[key];
      for (const text of [r, e].flatMap((x) => (typeof x === 'string' ? [x] : Object.values(x as object))))
        expect(text, key).not.toBe('');
      // English may use a variant of a variable (report_plannerTitle lower-cases the chain).
      if (key !== 'report_plannerTitle') expect(variables(e), key).toEqual(variables(r));
    }
  });
});

describe('plurals', () => {
  const t = createT('ru');
  it.each([
    [0, '0 связей'],
    [1, '1 связь'],
    [2, '2 связи'],
    [4, '4 связи'],
    [5, '5 связей'],
    [11, '11 связей'],
    [12, '12 связей'],
    [14, '14 связей'],
    [21, '21 связь'],
    [22, '22 связи'],
    [25, '25 связей'],
    [34, '34 связи'],
    [101, '101 связь'],
    [111, '111 связей'],
  ])('ru: %i → %s', (count, text) => {
    expect(t('count_links', { count })).toBe(text);
  });

  it('ru: other nouns', () => {
    expect(t('count_contracts', { count: 2 })).toBe('2 контракта');
    expect(t('count_enterprises', { count: 21 })).toBe('21 предприятие');
    expect(t('count_errors', { count: 3 })).toBe('3 ошибки');
    expect(t('count_clusters', { count: 0 })).toBe('0 кластеров');
    expect(t('count_nodes', { count: 1 })).toBe('1 узел');
    expect(t('noun_links', { count: 34 })).toBe('связи');
  });

  it('ru: a fraction takes the form for other, and numbers are grouped the Russian way', () => {
    expect(t('count_links', { count: 1.5 })).toBe('1,5 связи');
    expect(t('count_links', { count: 1234 })).toBe(`${(1234).toLocaleString('ru-RU')} связи`);
  });

  it('en', () => {
    const e = createT('en');
    expect(e('count_links', { count: 1 })).toBe('1 link');
    expect(e('count_links', { count: 2 })).toBe('2 links');
    expect(e('count_links', { count: 0 })).toBe('0 links');
    expect(e('count_links', { count: 1234 })).toBe('1,234 links');
  });

  it('variables, names for data values and reference names', () => {
    expect(translate('ru', 'admin_nameTaken', { name: 'ivan' })).toBe('Имя «ivan» уже занято');
    expect(createT('en').name('type', 'enterprise')).toBe('Enterprise');
    expect(createT('ru').name('type', 'no-such-type')).toBe('no-such-type');
    expect(createT('en').pick({ name: 'Коми', nameEn: 'Komi' })).toBe('Komi');
    expect(createT('en').pick({ name: 'Коми', nameEn: null })).toBe('Коми');
  });
});

describe('client source', () => {
  const ROOT = join(import.meta.dirname, '../../client/src');
  const CYRILLIC = /[\u0400-\u04FF]/;

  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });
  }

  /** String literals, template parts and JSX text holding Cyrillic; comments do not count. */
  function russianText(path: string): string[] {
    const source = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (
        (ts.isStringLiteralLike(node) ||
          ts.isTemplateLiteralToken(node) ||
          ts.isJsxText(node) ||
          ts.isRegularExpressionLiteral(node)) &&
        CYRILLIC.test(node.getText())
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative(ROOT, path)}:${line + 1}: ${node.getText().trim().slice(0, 60)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('holds no Russian text outside the catalogues (core/i18n/ru.ts)', () => {
    const all = files(ROOT);
    expect(all.length).toBeGreaterThan(10);
    expect(all.flatMap(russianText)).toEqual([]);
  });
});
