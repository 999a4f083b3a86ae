-- Cheaper cases for the ingest (issue 20: a hub that keeps pace); the
-- twin of migrations/0012_ingest_cost.sql.

-- The counts of the cases the ingest makes are added once per batch and
-- key by the store (addCaseCounts), not by a trigger per row; deletes
-- still take theirs off (here one trigger did both).
DROP TRIGGER case_counts_insert ON cases;
CREATE TRIGGER case_counts_delete AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION case_counts_change();

-- One worker's cases: a new case has no assignee, and is no longer in
-- this index until one is set. Queries by assignee say `assignee <> ''`.
DROP INDEX cases_by_assignee;
CREATE INDEX cases_by_assignee ON cases (assignee, at) WHERE assignee <> '';
