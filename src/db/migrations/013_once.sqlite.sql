-- 013_once, SQLite: placements of one trajectory never overlap.  A write
-- transaction on SQLite excludes every other writer, so the check cannot
-- race.  RAISE(ABORT) is SQLITE_CONSTRAINT_TRIGGER, a conflict.
CREATE TRIGGER phase_no_overlap_insert BEFORE INSERT ON phase
WHEN EXISTS (SELECT 1 FROM phase q
    WHERE q.trajectory_id = NEW.trajectory_id AND q.id <> NEW.id
      AND q.start_date <= COALESCE(NEW.end_date, '9999-12-31')
      AND NEW.start_date <= COALESCE(q.end_date, '9999-12-31'))
BEGIN
	SELECT RAISE(ABORT, 'phase_no_overlap: placements of one trajectory may not overlap');
END;
CREATE TRIGGER phase_no_overlap_update BEFORE UPDATE OF trajectory_id, start_date, end_date ON phase
WHEN EXISTS (SELECT 1 FROM phase q
    WHERE q.trajectory_id = NEW.trajectory_id AND q.id <> NEW.id
      AND q.start_date <= COALESCE(NEW.end_date, '9999-12-31')
      AND NEW.start_date <= COALESCE(q.end_date, '9999-12-31'))
BEGIN
	SELECT RAISE(ABORT, 'phase_no_overlap: placements of one trajectory may not overlap');
END;
