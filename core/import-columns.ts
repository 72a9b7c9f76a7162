// The three kinds of import file and their columns: the server checks headers against them, the
// client's import page lists them. Plain data, apart from the schemas, so the client bundle that
// shows them does not carry TypeBox (core/schemas/import.ts builds the FileKind schema from it).
export const FILE_KINDS = ['clusters', 'enterprises', 'links'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const COLUMNS: Record<FileKind, { required: string[]; optional: string[] }> = {
  enterprises: {
    required: [
      'id',
      'inn',
      'name',
      'region',
      'okved',
      'employees',
      'revenue_mln_rub',
      'cluster',
      'cluster_role',
      'technopark',
      'priority_territory',
    ],
    optional: ['size', 'stages', 'synthetic', 'synthetic_figures', 'source', 'name_en'],
  },
  links: {
    required: ['supplier', 'buyer', 'product', 'okved', 'volume_mln_rub', 'since'],
    optional: ['synthetic', 'source'],
  },
  clusters: {
    required: ['id', 'name', 'kind', 'status', 'chain', 'regions'],
    optional: ['synthetic', 'source', 'name_en'],
  },
};
