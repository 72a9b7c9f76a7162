// Counts by label (served from Neo4j's count store).
CALL () { MATCH (n:Region) RETURN count(n) AS Region }
CALL () { MATCH (n:Enterprise) RETURN count(n) AS Enterprise }
CALL () { MATCH (n:Cluster) RETURN count(n) AS Cluster }
CALL () { MATCH (n:Technopark) RETURN count(n) AS Technopark }
CALL () { MATCH (n:SupportOrg) RETURN count(n) AS SupportOrg }
CALL () { MATCH (n:Chain) RETURN count(n) AS Chain }
CALL () { MATCH (n:Stage) RETURN count(n) AS Stage }
CALL () { MATCH (n:Industry) RETURN count(n) AS Industry }
CALL () { MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS SUPPLIES }
RETURN Region, Enterprise, Cluster, Technopark, SupportOrg, Chain, Stage, Industry, SUPPLIES
