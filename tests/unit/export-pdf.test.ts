// The PDF report read back with pdftotext: the title the user set, the date and source, «Стр. N
// из M» on every page, the legend as text (not a picture of text), the definitions, and table
// cells whose words are never cut, however narrow the columns.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfReport } from '../../server/export-pdf.js';
import type { ExportDoc } from '../../core/export/formats.js';
import { komiDoc } from '../fixtures/komi-doc.js';

const dir = mkdtempSync(join(tmpdir(), 'coopgraph-report-'));
let files = 0;

async function pdf(doc: ExportDoc): Promise<{ pages: string[]; text: string; path: string }> {
  const chunks: Buffer[] = [];
  for await (const c of await pdfReport(doc, { width: 1600, height: 1000 })) chunks.push(c as Buffer);
  const path = join(dir, `r${files++}.pdf`);
  writeFileSync(path, Buffer.concat(chunks));
  const layout = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return { pages: layout.split('\f').filter((p) => p.trim()), text: layout, path };
}

/** Every word of `cells` as the PDF shows it: a word cut between lines would be two. */
function expectWhole(text: string, cells: string[]) {
  const words = new Set(text.split(/\s+/));
  for (const cell of cells)
    for (const word of cell.split(/\s+/).filter((w) => w.length > 1))
      expect(words, `«${word}» of «${cell}»`).toContain(word);
}

describe('the PDF report of the Komi timber view', () => {
  it('carries the title the user set, the date, the source and the page numbers', async () => {
    const doc = { ...komiDoc(), title: 'Кооперация лесопромышленного комплекса Республики Коми' };
    const { pages, text } = await pdf(doc);
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain('Кооперация лесопромышленного комплекса Республики Коми');
    expect(text).toContain('1 марта 2026 г.');
    expect(text).toContain('Источник: база coopgraph (Neo4j); синтетические записи помечены');
    expect(text).toContain('Цепочка: Лесопромышленный комплекс');
    pages.forEach((page, i) => expect(page).toContain(`Стр. ${i + 1} из ${pages.length}`));
  });

  it('writes the legend and the definitions as text a reader can search', async () => {
    const { text } = await pdf(komiDoc());
    const flat = text.replace(/\s+/g, ' ');
    for (const words of [
      'Цвет: тип узла',
      'Предприятие',
      'Этап цепочки',
      'Размер: число связей на экране',
      'поставка, стрелка от поставщика к покупателю',
      'Пунктир: синтетическая запись',
      'Определения',
      'площадь узла растёт с этим показателем',
      'Толщина линии поставки',
    ])
      expect(flat).toContain(words);
    // The legend counts the nodes drawn: enterprises of the timber chain, not every one the view holds.
    const drawn = komiDoc().nodes.filter((n) => n.kind === 'enterprise').length;
    expect(flat).toMatch(new RegExp(`Предприятие ${drawn}\\b`));
  });

  it('in English: the legend, the definitions and «Page N of M»', async () => {
    const { pages, text } = await pdf(komiDoc({ lang: 'en' }));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Colour: node type');
    expect(flat).toContain('Definitions');
    expect(flat).toContain('Komi Republic');
    expect(flat).toContain('Dashed: a synthetic record');
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('never cuts a word in a table, narrowing the type instead', async () => {
    const stages = [
      'Лесное хозяйство и лесовосстановление',
      'Производство целлюлозы и древесной массы',
      'Лесозаготовительные работы',
    ];
    const columns = [
      'Этап',
      'Спрос D, млн руб.',
      'Местное предложение L, млн руб.',
      'Доля местных поставок',
      'Ввоз, млн руб.',
      'Среднее расстояние ввоза, км',
      'Предприятий',
      'Из них микропредприятия',
      'Категория',
      'Пробел',
      'Правила',
      'Примечание',
    ];
    const rows = stages.map((s, i) => [
      s,
      1234.56 * (i + 1),
      78.9,
      '12,5 %',
      1155.66,
      812,
      7,
      3,
      'микропредприятие',
      'да',
      'мало местных поставок',
      'Переработка лесоматериалов, лесовосстановление и лесопользование',
    ]);
    const doc = { ...komiDoc(), tables: [{ id: 'gaps', title: 'Пробелы', columns, rows, notes: [] }] };
    const { text } = await pdf(doc);
    expectWhole(text, [...columns, ...rows.flat().filter((c): c is string => typeof c === 'string')]);
    // Numbers too: «1 234,56» (a no-break space between its groups) on one line.
    const flat = text.replace(/\s+/g, ' ');
    for (const n of rows.flat().filter((c): c is number => typeof c === 'number'))
      expect(flat).toContain(n.toLocaleString('ru', { maximumFractionDigits: 3 }).replace(/\s/g, ' '));
    expect(text).toContain('лесовосстановление');
    expect(text).toContain('микропредприятие');
  });

  it('with «приглушить», its tables count what passes the filters, as the caption says', async () => {
    const doc = komiDoc({ filters: { sizes: ['micro', 'small', 'medium'], mode: 'grey' } });
    const { text } = await pdf(doc);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Категории: микропредприятие, малое, среднее');
    const muted = doc.nodes.filter((n) => n.muted).length;
    expect(muted).toBeGreaterThan(0);
    expect(flat).toContain(`Приглушены: не проходят фильтры ${muted}`);
    const top = flat.slice(flat.indexOf('Предприятия с наибольшим числом связей'), flat.indexOf('Крупнейшие поставки'));
    expect(top).toContain('малое');
    expect(top).not.toContain('Монди');
    expect(top).not.toMatch(/Коми крупное/);
  });

  it('keeps the words of the enterprises table whole and names regions, not codes', async () => {
    const doc = komiDoc();
    const { text } = await pdf(doc);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Предприятия с наибольшим числом связей');
    expect(flat).toContain('Республика Коми');
    const listed = doc.nodes
      .filter((n) => n.kind === 'enterprise')
      .sort((a, b) => b.degree - a.degree || (b.revenueMlnRub ?? 0) - (a.revenueMlnRub ?? 0) || (a.id < b.id ? -1 : 1))
      .slice(0, 20);
    expectWhole(
      text,
      listed.map((n) => n.label),
    );
  });
});
