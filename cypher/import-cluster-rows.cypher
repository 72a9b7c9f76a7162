// The rows of a batch of clusters. Batches travel column by column (one list per property),
// which costs half as much to send over Bolt as a list of maps; this turns them back into rows.
// Kind, status, chain and regions are null where the row does not give them.
UNWIND range(0, size($id) - 1) AS i
WITH {
  id: $id[i], kind: $kind[i], status: $status[i], chain: $chain[i], regions: $regions[i],
  props: {id: $id[i], name: $name[i], nameEn: $nameEn[i], nameLatin: $nameLatin[i], synthetic: $synthetic[i],
          source: $source[i]}
} AS row
