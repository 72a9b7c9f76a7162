// The rows of a batch of enterprises, sent column by column (see import-cluster-rows).
UNWIND range(0, size($id) - 1) AS i
WITH {
  id: $id[i], region: $region[i], stages: $stages[i], cluster: $cluster[i], clusterRole: $clusterRole[i],
  technopark: $technopark[i],
  props: {id: $id[i], inn: $inn[i], name: $name[i], nameEn: $nameEn[i], nameLatin: $nameLatin[i],
          region: $region[i], okved: $okved[i], okvedAll: $okvedAll[i], employees: toInteger($employees[i]),
          revenueMlnRub: $revenueMlnRub[i], size: $size[i], sizeSource: $sizeSource[i], stages: $stages[i],
          chains: $chains[i], priorityTerritory: $priorityTerritory[i], synthetic: $synthetic[i],
          syntheticFigures: $syntheticFigures[i], source: $source[i]}
} AS row
