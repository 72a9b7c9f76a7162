// The three kinds of import file and their columns; shared with the client's import page.
export type FileKind = 'clusters' | 'enterprises' | 'links';
export const FILE_KINDS: FileKind[] = ['clusters', 'enterprises', 'links'];

export const COLUMNS: Record<FileKind, { required: string[]; optional: string[] }> = {
  enterprises: {
    required: ['id', 'inn', 'name', 'region', 'okved', 'employees', 'revenue_mln_rub', 'cluster', 'cluster_role', 'technopark', 'priority_territory'],
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
