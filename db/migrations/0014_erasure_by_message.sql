-- An erasure now finds a recipient's messages through `sends` and their hits through events_by_message, so nothing
-- reads the engagement log by project any more. The index cost every hit an entry (about 5 % of the insert) and
-- made an erasure in a large project scan all of its hits.
DROP INDEX IF EXISTS events_by_project;
