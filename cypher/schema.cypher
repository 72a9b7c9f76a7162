// Schema of the cooperation graph, applied at every start (each statement is idempotent).

// Keys of the data model
CREATE CONSTRAINT region_code IF NOT EXISTS FOR (n:Region) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_inn IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.inn IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT technopark_id IF NOT EXISTS FOR (n:Technopark) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT support_org_id IF NOT EXISTS FOR (n:SupportOrg) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stage_id IF NOT EXISTS FOR (n:Stage) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT industry_code IF NOT EXISTS FOR (n:Industry) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT import_lock_id IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT flow_aggregate_id IF NOT EXISTS FOR (n:FlowAggregate) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;

// Names: Russian morphology («кластеры» finds «кластер»), English names and Latin transliteration
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Enterprise|Cluster|Technopark|SupportOrg|Region|Chain|Stage|Industry)
ON EACH [n.name, n.nameEn, n.nameLatin]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'russian', `fulltext.eventually_consistent`: false}};

// Geography
CREATE POINT INDEX region_location IF NOT EXISTS FOR (n:Region) ON (n.location);
CREATE INDEX region_federal_district IF NOT EXISTS FOR (n:Region) ON (n.federalDistrict);

// Properties the queries filter on
CREATE INDEX enterprise_okved IF NOT EXISTS FOR (n:Enterprise) ON (n.okved);
CREATE INDEX enterprise_size IF NOT EXISTS FOR (n:Enterprise) ON (n.size);
CREATE INDEX enterprise_region IF NOT EXISTS FOR (n:Enterprise) ON (n.region);
CREATE INDEX enterprise_synthetic IF NOT EXISTS FOR (n:Enterprise) ON (n.synthetic);
CREATE INDEX cluster_chain IF NOT EXISTS FOR (n:Cluster) ON (n.chain);
CREATE INDEX cluster_status IF NOT EXISTS FOR (n:Cluster) ON (n.status);
CREATE INDEX stage_chain IF NOT EXISTS FOR (n:Stage) ON (n.chain);
CREATE INDEX supplies_stage IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.stage);
CREATE INDEX supplies_volume IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.volumeMlnRub);
CREATE INDEX import_run_status IF NOT EXISTS FOR (n:ImportRun) ON (n.status);

// The overview's aggregate (server/aggregate.ts): one version's rows of one chain at a time
CREATE INDEX region_flow_version_chain IF NOT EXISTS FOR (n:RegionFlow) ON (n.version, n.chain);
CREATE INDEX region_count_version_chain IF NOT EXISTS FOR (n:RegionCount) ON (n.version, n.chain);
// The gap analysis' rows of the aggregate (server/gap-cells.ts): a version's cells, a region's imports
CREATE INDEX stage_cell_version IF NOT EXISTS FOR (n:StageCell) ON (n.version);
CREATE INDEX stage_flow_version_target IF NOT EXISTS FOR (n:StageFlow) ON (n.version, n.target);
// What-if scenarios of the planner (server/scenarios.ts): a label of their own, apart from the real data
CREATE CONSTRAINT scenario_id IF NOT EXISTS FOR (n:Scenario) REQUIRE n.id IS UNIQUE;
// Accounts (server/auth.ts): users by name; sessions by the hash of their token; the failure
// counts of user names no account has (cypher/auth-attempt.cypher), stale ones found by time
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sign_in_guard_username IF NOT EXISTS FOR (n:SignInGuard) REQUIRE n.username IS UNIQUE;
CREATE INDEX sign_in_guard_last_failed IF NOT EXISTS FOR (n:SignInGuard) ON (n.lastFailedAt);
// The audit trail (server/audit.ts): by time
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
CREATE INDEX audit_event_target IF NOT EXISTS FOR (n:AuditEvent) ON (n.target);
// Saved views of the explorer (server/views.ts)
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (n:SavedView) REQUIRE n.id IS UNIQUE;
// Datasets (server/datasets.ts): removing one clears the figures it was the source of, found by these
// (membership of the `datasets` lists has no index: a removal scans each tagged label and type once)
CREATE INDEX enterprise_revenue_source IF NOT EXISTS FOR (n:Enterprise) ON (n.revenueSource);
CREATE INDEX enterprise_employees_source IF NOT EXISTS FOR (n:Enterprise) ON (n.employeesSource);
CREATE INDEX enterprise_size_dataset IF NOT EXISTS FOR (n:Enterprise) ON (n.sizeDataset);
// The explorer's expansion of a hub (cypher/explore-rank-hub-indexed.cypher): its largest
// enterprises, walking down this index instead of visiting its 10^4–10^5 enterprises
CREATE INDEX enterprise_employees IF NOT EXISTS FOR (n:Enterprise) ON (n.employees);
