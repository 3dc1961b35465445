//! The audit log's chain (issue 7): each sealed record carries the SHA-256 of the record before
//! it and of its own content, so that changing, removing or inserting a sealed record breaks
//! every hash after it. The content is hashed as a JSON array of its fields in a fixed order
//! (`serde_json` escapes every string the same way), so the hash of a record can be re-computed
//! by anyone from an export of the log.

use sha2::{Digest, Sha256};

/// The hash the chain starts from (`audit_head` of an empty log).
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a record says, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content<'a> {
    pub id: &'a str,
    pub at: &'a str,
    pub account_id: Option<&'a str>,
    pub actor_name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub address: Option<&'a str>,
    pub action: &'a str,
    pub object_kind: &'a str,
    pub object_id: &'a str,
    pub person_id: Option<&'a str>,
    pub certificate_id: Option<&'a str>,
    pub organization_id: Option<&'a str>,
    pub municipality_id: Option<&'a str>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The hash of record number `seq` with this content, after the record whose hash is `prev`.
pub fn hash(prev: &str, seq: i64, c: &Content<'_>) -> String {
    let fields = serde_json::json!([
        seq,
        c.id,
        c.at,
        c.account_id,
        c.actor_name,
        c.role,
        c.address,
        c.action,
        c.object_kind,
        c.object_id,
        c.person_id,
        c.certificate_id,
        c.organization_id,
        c.municipality_id,
        c.before,
        c.after,
    ]);
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(fields.to_string().as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(after: &str) -> Content<'_> {
        Content {
            id: "r1",
            at: "2026-11-26T09:00:00.000000Z",
            account_id: Some("a1"),
            actor_name: Some("Иванова А. П."),
            role: Some("municipal_operator"),
            address: Some("10.0.0.1"),
            action: "invoice.approve",
            object_kind: "invoice",
            object_id: "i1",
            person_id: None,
            certificate_id: None,
            organization_id: Some("o1"),
            municipality_id: Some("m1"),
            before: Some(r#"{"status":"issued"}"#),
            after: Some(after),
        }
    }

    #[test]
    fn a_hash_depends_on_the_previous_hash_the_number_and_every_field() {
        let base = hash(GENESIS, 1, &content(r#"{"status":"approved"}"#));
        assert_eq!(base.len(), 64);
        assert_eq!(base, hash(GENESIS, 1, &content(r#"{"status":"approved"}"#)), "deterministic");
        assert_ne!(base, hash(&"1".repeat(64), 1, &content(r#"{"status":"approved"}"#)));
        assert_ne!(base, hash(GENESIS, 2, &content(r#"{"status":"approved"}"#)));
        assert_ne!(base, hash(GENESIS, 1, &content(r#"{"status":"exported"}"#)));
        let mut moved = content(r#"{"status":"approved"}"#);
        moved.address = None;
        assert_ne!(base, hash(GENESIS, 1, &moved), "an absent field is not an empty one");
    }

    #[test]
    fn fields_cannot_be_shifted_into_one_another() {
        let mut a = content("x");
        a.actor_name = Some("Иванова\",\"А.");
        let mut b = content("x");
        b.actor_name = Some("Иванова");
        b.role = Some("А.");
        assert_ne!(hash(GENESIS, 1, &a), hash(GENESIS, 1, &b));
    }
}
