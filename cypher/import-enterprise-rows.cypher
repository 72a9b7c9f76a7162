// The rows of a batch of enterprises, sent column by column (see import-cluster-rows). A figure
// the row gives has the import's dataset ($dataset) as its source and no year (a user's file
// states none); the size is written apart (import-enterprises).
UNWIND range(0, size($id) - 1) AS i
WITH {
  id: $id[i], region: $region[i], stages: $stages[i], cluster: $cluster[i], clusterRole: $clusterRole[i],
  technopark: $technopark[i], size: $size[i], sizeSource: $sizeSource[i],
  props: {id: $id[i], inn: $inn[i], name: $name[i], nameEn: $nameEn[i], nameLatin: $nameLatin[i],
          region: $region[i], okved: $okved[i], okvedAll: $okvedAll[i], employees: toInteger($employees[i]),
          employeesYear: null, employeesSource: CASE WHEN $employees[i] IS NULL THEN null ELSE $dataset END,
          revenueMlnRub: $revenueMlnRub[i], revenueYear: null,
          revenueSource: CASE WHEN $revenueMlnRub[i] IS NULL THEN null ELSE $dataset END, stages: $stages[i],
          chains: $chains[i], priorityTerritory: $priorityTerritory[i], synthetic: $synthetic[i],
          syntheticFigures: $syntheticFigures[i], source: $source[i]}
} AS row
