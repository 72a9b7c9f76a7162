// The rows of a batch of supply links, sent column by column (see import-cluster-rows).
UNWIND range(0, size($supplier) - 1) AS i
WITH {
  supplier: $supplier[i], buyer: $buyer[i], product: $product[i], stage: $stage[i],
  props: {product: $product[i], okved: $okved[i], volumeMlnRub: $volumeMlnRub[i],
          since: $since[i], synthetic: $synthetic[i], source: $source[i]}
} AS row
