-- 019_signal_municipality.sql - the municipality of a signal (DOMAIN.md
-- R13: signals received and matched per municipality).
--
-- The municipality where she lives as the reporter states it on the signal
-- form; optional (a teacher may not know).  The figures count a signal for
-- this municipality or, when none was stated, for the municipality of the
-- client it is matched to (store/figures_muni.c).
ALTER TABLE signal ADD COLUMN municipality_id TEXT REFERENCES organisation(id);
CREATE INDEX signal_created_on ON signal (created_on);
