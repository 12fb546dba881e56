-- 013_once, PostgreSQL: placements of one trajectory never overlap.
-- An exclusion constraint would need btree_gist (text equality in a GiST
-- index), which only a superuser can install; this trigger needs nothing
-- but the ordinary role that owns the database.  It first locks the
-- trajectory's row, so inserts and updates of one trajectory's placements
-- queue here and each sees the rows committed before it (READ COMMITTED
-- takes a new snapshot for every statement of a volatile function).
CREATE FUNCTION phase_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM trajectory WHERE id = NEW.trajectory_id FOR UPDATE;
	IF EXISTS (SELECT 1 FROM phase q
	    WHERE q.trajectory_id = NEW.trajectory_id AND q.id <> NEW.id
	      AND q.start_date <= COALESCE(NEW.end_date, '9999-12-31')
	      AND NEW.start_date <= COALESCE(q.end_date, '9999-12-31')) THEN
		RAISE EXCEPTION 'phase_no_overlap: placements of one trajectory may not overlap'
		    USING ERRCODE = 'exclusion_violation';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER phase_no_overlap BEFORE INSERT OR UPDATE OF trajectory_id, start_date, end_date
	ON phase FOR EACH ROW EXECUTE FUNCTION phase_no_overlap();
