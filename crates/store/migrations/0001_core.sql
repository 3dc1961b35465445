-- The core of the model (DESIGN.md): regions, municipalities, organizations, persons, the links
-- between parents and children, accounts and their roles with scopes.
--
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Conventions:
--   ids          TEXT, UUID v7 made by the app (time-ordered);
--   dates        TEXT 'YYYY-MM-DD' (civil dates, e.g. birth dates);
--   instants     TEXT 'YYYY-MM-DDTHH:MM:SS.ffffffZ', always UTC, fixed width so text order is time order;
--   money        BIGINT kopecks;
--   enumerations TEXT with a CHECK listing the codes of the domain type.

CREATE TABLE region (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,          -- the region's code, '69' for Tver
    name        TEXT NOT NULL,
    center_name TEXT NOT NULL,                 -- региональный модельный центр
    center_url  TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE municipality (
    id                   TEXT PRIMARY KEY,
    region_id            TEXT NOT NULL REFERENCES region (id),
    code                 TEXT NOT NULL,        -- short stable code within the region
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('urban_okrug', 'municipal_okrug', 'district', 'zato')),
    support_center_name  TEXT NOT NULL,        -- муниципальный опорный центр
    support_center_phone TEXT NOT NULL,
    is_capital           INTEGER NOT NULL DEFAULT 0 CHECK (is_capital IN (0, 1)),  -- the region's centre
    created_at           TEXT NOT NULL,
    UNIQUE (region_id, code),
    UNIQUE (region_id, name)
);
CREATE UNIQUE INDEX municipality_one_capital ON municipality (region_id) WHERE is_capital = 1;

CREATE TABLE organization (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipality (id),
    kind            TEXT NOT NULL CHECK (kind IN ('school', 'kindergarten', 'creativity_center',
                                                  'sport_school', 'private_organization', 'sole_entrepreneur')),
    full_name       TEXT NOT NULL,
    short_name      TEXT NOT NULL,
    inn             TEXT NOT NULL UNIQUE,      -- checked by its checksum before it gets here
    ogrn            TEXT NOT NULL UNIQUE,
    address         TEXT NOT NULL,
    phone           TEXT,
    email           TEXT,
    created_at      TEXT NOT NULL,
    CHECK (LENGTH(inn) IN (10, 12)),
    CHECK (LENGTH(ogrn) IN (13, 15))
);
CREATE INDEX organization_municipality ON organization (municipality_id, kind);

-- A person: a child or an adult. Rule R02 recognises the same child by SNILS, else by
-- name_key (lower case, ё read as е) + birth date.
CREATE TABLE person (
    id              TEXT PRIMARY KEY,
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    middle_name     TEXT,
    name_key        TEXT NOT NULL,
    birth_date      TEXT,
    snils           TEXT UNIQUE,
    municipality_id TEXT REFERENCES municipality (id),  -- where the person lives
    phone           TEXT,
    email           TEXT,
    created_at      TEXT NOT NULL,
    CHECK (snils IS NULL OR LENGTH(snils) = 11),
    CHECK (birth_date IS NULL OR LENGTH(birth_date) = 10)
);
CREATE INDEX person_name_birth ON person (name_key, birth_date);
CREATE INDEX person_municipality_birth ON person (municipality_id, birth_date);

-- A parent (законный представитель) linked to a child.
CREATE TABLE guardianship (
    parent_id  TEXT NOT NULL REFERENCES person (id),
    child_id   TEXT NOT NULL REFERENCES person (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (parent_id, child_id),
    CHECK (parent_id <> child_id)
);
CREATE INDEX guardianship_child ON guardianship (child_id);

-- A child attending a school or kindergarten (what the school system exports).
CREATE TABLE pupil (
    organization_id TEXT NOT NULL REFERENCES organization (id),
    child_id        TEXT NOT NULL REFERENCES person (id),
    class_label     TEXT NOT NULL,             -- '5Б', 'старшая группа'
    created_at      TEXT NOT NULL,
    PRIMARY KEY (organization_id, child_id)
);
CREATE INDEX pupil_child ON pupil (child_id);
CREATE INDEX pupil_class ON pupil (organization_id, class_label);

CREATE TABLE account (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL UNIQUE REFERENCES person (id),
    login         TEXT NOT NULL UNIQUE,
    password_hash TEXT,                        -- argon2id PHC string; NULL until a password is set
    status        TEXT NOT NULL CHECK (status IN ('active', 'blocked')),
    created_at    TEXT NOT NULL
);

-- One account may hold several roles (a teacher is also a parent); each role has its scope.
CREATE TABLE account_role (
    account_id      TEXT NOT NULL REFERENCES account (id),
    role            TEXT NOT NULL CHECK (role IN ('parent', 'child', 'organization_staff', 'organization_admin',
                                                  'municipal_operator', 'regional_admin', 'auditor')),
    organization_id TEXT REFERENCES organization (id),
    municipality_id TEXT REFERENCES municipality (id),
    region_id       TEXT REFERENCES region (id),
    granted_at      TEXT NOT NULL,
    -- The scope column matches the role: nothing for parent and child (their people come from
    -- guardianship and the account's person), exactly the matching column for the others.
    CHECK (
        (role IN ('parent', 'child')
            AND organization_id IS NULL AND municipality_id IS NULL AND region_id IS NULL)
     OR (role IN ('organization_staff', 'organization_admin')
            AND organization_id IS NOT NULL AND municipality_id IS NULL AND region_id IS NULL)
     OR (role = 'municipal_operator'
            AND organization_id IS NULL AND municipality_id IS NOT NULL AND region_id IS NULL)
     OR (role = 'regional_admin'
            AND organization_id IS NULL AND municipality_id IS NULL AND region_id IS NOT NULL)
     OR (role = 'auditor'
            AND (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END
               + CASE WHEN municipality_id IS NULL THEN 0 ELSE 1 END
               + CASE WHEN region_id IS NULL THEN 0 ELSE 1 END) = 1)
    )
);
CREATE UNIQUE INDEX account_role_unique ON account_role (
    account_id, role, COALESCE(organization_id, ''), COALESCE(municipality_id, ''), COALESCE(region_id, ''));

-- Demo data only: the logins and passwords that `dopcert demo accounts` prints. Real accounts
-- never have a row here; their passwords exist only as hashes.
CREATE TABLE demo_account (
    login     TEXT PRIMARY KEY REFERENCES account (login),
    password  TEXT NOT NULL,
    role      TEXT NOT NULL,
    full_name TEXT NOT NULL,
    note      TEXT NOT NULL,
    position  INTEGER NOT NULL
);

-- Small facts about the installation (the demo seed and size, for example).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
