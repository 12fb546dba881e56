-- 013_once: rules that hold once, enforced by the schema on both engines,
-- so that racing requests (also from several server processes on one
-- PostgreSQL database) cannot both pass the application's check.  A
-- violation is ERR_CONFLICT; db_conflict (src/db/db.c) gives it the rule's
-- reason key by the name used here.  (trajectory_one_open, R1, is 001's.)

-- R5: at most one current main caregiver per trajectory.  A handover ends
-- the outgoing membership before it starts the incoming one.
CREATE UNIQUE INDEX team_one_main_caregiver ON team_member (trajectory_id)
	WHERE role = 'main_caregiver' AND to_date IS NULL;

-- R8: a trajectory is closed once until it is reopened.
CREATE UNIQUE INDEX trajectory_closure_one_open ON trajectory_closure (trajectory_id)
	WHERE reopened_on IS NULL;

-- Placements of one trajectory never overlap (closed date intervals, an open
-- end runs for ever): a trigger in each engine's own words, in
-- 013_once.pg.sql and 013_once.sqlite.sql.
