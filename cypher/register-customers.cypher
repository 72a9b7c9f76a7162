// The customers of one batch of ties (server/register/write.ts): those the graph does not hold
// become enterprises known only from the ties, located in the region of their INN's first two
// digits when it is a known region; every customer is marked as named by the dump's dataset.
// Returns how many were created.
CALL (){
  UNWIND $customers AS c
  OPTIONAL MATCH (known:Enterprise {inn: c.inn})
  WITH c, known WHERE known IS NULL
  CREATE (e:Enterprise {id: 'fns-' + c.inn, inn: c.inn, name: c.name, nameLatin: c.nameLatin, region: c.region,
                        tiesOnly: true, synthetic: false, datasets: [$dataset]})
  WITH e, c
  CALL (e, c) {
    MATCH (r:Region {code: c.region})
    CREATE (e)-[:LOCATED_IN]->(r)
  }
  RETURN count(e) AS created
}
CALL (){
  UNWIND $customers AS c
  MATCH (e:Enterprise {inn: c.inn}) WHERE NOT $dataset IN coalesce(e.datasets, [])
  SET e.datasets = coalesce(e.datasets, []) + $dataset
}
RETURN created
