-- identify_lock rows are now the keyed hash of a description (store::identity::lock_description),
-- not the surname, first name and birth date in clear: the rows written before are dropped
-- (they only ever serve as locks inside a transaction, so nothing is lost).
DELETE FROM identify_lock;
