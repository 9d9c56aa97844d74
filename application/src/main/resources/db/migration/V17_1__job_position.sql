-- How far a rebuild's copy has read the history: the global position of the last event it applied. Its total is the
-- head's position, so position over total is the share of the history read, which a count of events is not (positions
-- drawn by appends that rolled back hold no event). Null for jobs that count lines, and until a rebuild applies its
-- first batch.
ALTER TABLE admin_job ADD COLUMN position BIGINT;
