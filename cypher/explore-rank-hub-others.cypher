// Fragment, a part of explore-rank-hub: the neighbours of n over {{pattern}} that are not
// enterprises, ranked by degree ({{find}}: a walk of n's relationships of a type that never
// comes from an enterprise, or a scan of a small label checked against n, so that a hub's
// enterprises over the same type are not visited).
{{find}}
WITH m WHERE $labels IS NULL OR any(l IN labels(m) WHERE l IN $labels)
RETURN m, 0 AS tier, COUNT { (m)--() } AS degree, null AS employees, m.name AS name
