-- The regional centre's list of municipal support centres' operators: account_role is read by
-- its scope, not only by account (most of its rows are parents', which have no municipality).
CREATE INDEX account_role_municipality ON account_role (municipality_id, role) WHERE municipality_id IS NOT NULL;
