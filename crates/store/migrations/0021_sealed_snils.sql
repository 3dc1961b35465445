-- SNILS sealed at rest (store::sealed): the number encrypted with the personal-data key, and a
-- keyed hash to find it by. The clear columns stay for values written before this migration;
-- start-up seals them and empties the clear column (`dopcert verify` checks it is empty).
ALTER TABLE person ADD COLUMN snils_sealed TEXT;
ALTER TABLE person ADD COLUMN snils_index TEXT;
CREATE UNIQUE INDEX person_snils_index ON person (snils_index);

ALTER TABLE possible_duplicate ADD COLUMN claimed_snils_sealed TEXT;
ALTER TABLE possible_duplicate ADD COLUMN claimed_snils_index TEXT;

-- The keys that have sealed values (by id, a digest; never the key). A server whose keys do
-- not include every id here refuses to start.
CREATE TABLE sealing_key (
    id            TEXT PRIMARY KEY,
    registered_at TEXT NOT NULL
);
