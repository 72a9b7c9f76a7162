// Messages of the exported pictures and the PDF report: the marks the picture draws beyond the
// explorer's legend, and the report's frame (page numbers, definitions).
export const picturesRu = {
  pic_titleField: 'Заголовок',
  pic_muted: 'Приглушены: не проходят фильтры',
  pic_synthetic: 'Пунктир: синтетическая запись (вымышлена для демонстрации)',
  pic_gap: 'Красное кольцо: этап-пробел в регионе',
  pic_labels: 'Подписаны {shown} из {count}: крупные узлы, чьи подписи не перекрываются',
  pic_nodes: 'Узлов: {count}',
  pic_legend: 'Легенда',
  pic_page: 'Стр. {page} из {pages}',
  pic_definitions: 'Определения',
  pic_defSize: '{size} — площадь узла растёт с этим показателем.',
  pic_defWidth: 'Толщина линии поставки — объём поставки, млн руб., по логарифмической шкале.',
  pic_defLayout:
    'Расположение — как в обозревателе; перекрывающиеся узлы раздвинуты, как кнопкой «Раздвинуть»; подписаны крупнейшие узлы, чьи подписи не перекрываются.',
  pic_defLinks: 'Связи в подграфе — связи узла с другими узлами экспорта; всего — во всей базе.',
  pic_defCategory:
    'Категория — по 209-ФЗ: микро ≤ 15 чел. и ≤ 120 млн руб.; малое ≤ 100 чел. и ≤ 800 млн руб.; среднее ≤ 250 чел. и ≤ 2 млрд руб.; иначе крупное.',
} as const satisfies Record<string, string>;

export const picturesEn: { [K in keyof typeof picturesRu]: string } = {
  pic_titleField: 'Title',
  pic_muted: 'Greyed out: fail the filters',
  pic_synthetic: 'Dashed: a synthetic record (invented for the demonstration)',
  pic_gap: 'Red ring: a stage that is a gap in the region',
  pic_labels: '{shown} of {count} labelled: the largest nodes whose labels do not overlap',
  pic_nodes: 'Nodes: {count}',
  pic_legend: 'Legend',
  pic_page: 'Page {page} of {pages}',
  pic_definitions: 'Definitions',
  pic_defSize: '{size}: the area of a node grows with it.',
  pic_defWidth: 'Width of a supply line: the supply volume, mln RUB, on a logarithmic scale.',
  pic_defLayout:
    'Placement: as in the explorer; overlapping nodes are moved apart, as ‘Untangle’ does; the largest nodes whose labels do not overlap are labelled.',
  pic_defLinks: 'Links in the subgraph: links of a node to other exported nodes; in all: in the whole database.',
  pic_defCategory:
    'Category under Federal Law 209-FZ: micro ≤ 15 staff and ≤ 120 mln RUB; small ≤ 100 and ≤ 800 mln RUB; medium ≤ 250 and ≤ 2 bn RUB; otherwise large.',
};
