-- The id range of each case's transactions: the bound of a full-text query (FTS5 seeks into
-- each term's doclist within it instead of collecting the whole database's matches). Computing
-- it with min(id)/max(id) per query walked the case's whole date index (10 ms per bound for
-- 100 000 rows). The ingest only ever widens it, so it may be wider than the case's rows (after
-- a re-ingest deleted some; other cases' rows inside it are filtered out by case), never
-- narrower. NULL: no transactions yet.
ALTER TABLE cases ADD COLUMN first_transaction_id INTEGER;
ALTER TABLE cases ADD COLUMN last_transaction_id INTEGER;
UPDATE cases SET first_transaction_id = r.first, last_transaction_id = r.last
FROM (SELECT case_id, min(id) AS first, max(id) AS last FROM transactions GROUP BY case_id) AS r
WHERE cases.id = r.case_id;
