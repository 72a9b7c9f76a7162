// The real supply volume a scenario's contract takes over (server/scenarios.ts): for each
// (supplier, buyer, stage) in $pairs, the summed volume of the real links between them at the stage.
UNWIND $pairs AS p
OPTIONAL MATCH (:Enterprise {id: p.supplier})-[l:SUPPLIES {stage: p.stage}]->(:Enterprise {id: p.buyer})
RETURN p.supplier AS supplier, p.buyer AS buyer, p.stage AS stage,
       sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
