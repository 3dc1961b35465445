-- R02: children are looked up by birth date first (then surname and first name, so that a form
-- without the patronymic still finds the child); and concurrent descriptions of the same child
-- (two clerks, a double submit, two Госуслуги logins) queue on one row per name and birth date,
-- so the second sees the child the first has just written instead of creating another.
CREATE INDEX person_birth ON person (birth_date);

CREATE TABLE identify_lock (
    key TEXT PRIMARY KEY   -- surname and first name (ё read as е) and the birth date
);
