-- Nominals by age group (R06): a period's nominals are a JSON list of groups, each with its
-- nominal and an optional higher one for children with disabilities (ОВЗ), checked by
-- `domain::period::Nominals`. The old single `nominal` stays as the lowest of them, for
-- readers of the table. Earlier periods had one nominal for every age.
ALTER TABLE period ADD COLUMN nominals TEXT;
UPDATE period SET nominals =
    '[{"from":5,"to":6,"nominal":' || nominal || ',"disability":null},'
    || '{"from":7,"to":13,"nominal":' || nominal || ',"disability":null},'
    || '{"from":14,"to":17,"nominal":' || nominal || ',"disability":null}]';

-- What each funded certificate was credited in the period: it depends on the child's age and
-- disability on the day the place was given, and a place given back returns exactly this.
ALTER TABLE certificate_funding ADD COLUMN nominal BIGINT;
UPDATE certificate_funding SET nominal = (SELECT p.nominal FROM period p WHERE p.id = certificate_funding.period_id);

-- A child with disabilities (ОВЗ): the basis the municipal operator recorded (the conclusion of
-- the psychological, medical and pedagogical commission — ПМПК), NULL for other children.
ALTER TABLE person ADD COLUMN disability TEXT;

-- A period's history is its records in the audit log. Only those are indexed by object: the
-- index costs nothing to the other audited writes.
CREATE INDEX audit_record_period ON audit_record (object_id, at) WHERE object_kind = 'period';
