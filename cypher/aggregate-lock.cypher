// Aggregate refresh, first statement of its transaction: the marker node, created on the first
// refresh, is write-locked until the transaction commits, so refreshes from several processes
// take turns. Readers never wait: they do not lock.
MERGE (g:FlowAggregate {id: 'overview'})
SET g.refreshStartedAt = datetime.transaction()
RETURN g.version AS version
