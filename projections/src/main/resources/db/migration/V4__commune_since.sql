-- The local date from which a commune counts for its branch's coverage; NULL: it always has. Coverage of a past
-- period counts the communes of that period, not those added since.
ALTER TABLE rm_commune ADD COLUMN since DATE;
