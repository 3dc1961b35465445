//! Personal data sealed at rest: a SNILS is stored encrypted (ChaCha20-Poly1305, an AEAD) and
//! found by a keyed hash (HMAC-SHA256), both from the personal-data keys of the configuration.
//! A copy of the database, or a look at it by someone with SQL access, shows neither the
//! numbers nor a way to test a guessed number without the key.
//!
//! A keyring holds one current key and, during a rotation, older ones: values are sealed with
//! the current key, opened with the key they name, and looked up by the hash of every key.
//! `rotate` re-seals what older keys sealed; the `sealing_key` table records which keys have
//! sealed values, so a server given other keys refuses to start instead of writing values that
//! its peers cannot open.
//!
//! The keyring is process configuration, installed once at start-up (like the log filter):
//! threading it through every query that reads a person would change dozens of signatures
//! for no gain, since a process has exactly one.

use std::sync::{Arc, RwLock};

use ring::aead::{self, Aad, LessSafeKey, Nonce, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{digest, hkdf, hmac};

use crate::{AnyConnection, Store, StoreError};

/// What a sealed value is bound to: a value sealed for one column does not open in another.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Snils,
    ImportRows,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Snils => b"dopcert snils",
            Purpose::ImportRows => b"dopcert import rows",
        }
    }
}

/// A personal-data key as written in configuration: 64 hex digits (32 random bytes).
struct Key {
    id: String,
    aead: LessSafeKey,
    index: hmac::Key,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("a personal-data key must be 64 hex digits (32 bytes); make one with `dopcert keys new`")]
    Malformed,
    #[error("no personal-data key is given")]
    Empty,
}

/// The keys of a process: the first seals, all open and find.
pub struct Keyring {
    keys: Vec<Key>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring").field("ids", &self.ids()).finish()
    }
}

impl Keyring {
    /// Keys separated by commas, whitespace or new lines, `#` starting a comment to the end of
    /// its line; the first is current.
    pub fn parse(text: &str) -> Result<Keyring, KeyError> {
        let keys = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default())
            .flat_map(|line| line.split(|c: char| c == ',' || c.is_whitespace()))
            .filter(|s| !s.is_empty())
            .map(Key::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        Ok(Keyring { keys })
    }

    /// A fresh random key, as configuration writes it.
    pub fn new_key() -> String {
        let mut bytes = [0u8; 32];
        SystemRandom::new().fill(&mut bytes).expect("the system's random source");
        hex::encode(bytes)
    }

    /// The ids of the keys, current first (an id is a digest of the key, never the key).
    pub fn ids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.id.as_str()).collect()
    }

    fn current(&self) -> &Key {
        &self.keys[0]
    }

    fn by_id(&self, id: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.id == id)
    }
}

impl Key {
    fn parse(text: &str) -> Result<Key, KeyError> {
        let secret = hex::decode(text).map_err(|_| KeyError::Malformed)?;
        if secret.len() != 32 {
            return Err(KeyError::Malformed);
        }
        let id = hex::encode(&digest::digest(&digest::SHA256, &secret).as_ref()[..6]);
        // Two keys from one secret, so the hash never reuses the cipher's key.
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"dopcert personal data").extract(&secret);
        let aead_key: aead::UnboundKey =
            prk.expand(&[b"seal"], &aead::CHACHA20_POLY1305).expect("hkdf length").into();
        let index: hmac::Key = prk.expand(&[b"index"], hmac::HMAC_SHA256).expect("hkdf length").into();
        Ok(Key { id, aead: LessSafeKey::new(aead_key), index })
    }

    fn seal(&self, purpose: Purpose, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).expect("the system's random source");
        let mut data = plain.as_bytes().to_vec();
        self.aead
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.label()),
                &mut data,
            )
            .expect("sealing fits in memory");
        format!("{PREFIX}{}.{}{}", self.id, hex::encode(nonce), hex::encode(data))
    }

    fn index(&self, plain: &str) -> String {
        hex::encode(hmac::sign(&self.index, plain.as_bytes()).as_ref())
    }
}

/// Sealed values start with this and the key's id: `s1.<id>.<nonce><ciphertext and tag>`.
const PREFIX: &str = "s1.";

static KEYRING: RwLock<Option<Arc<Keyring>>> = RwLock::new(None);

/// Makes `keyring` this process's keys.
pub fn install(keyring: Keyring) {
    *KEYRING.write().expect("keyring lock") = Some(Arc::new(keyring));
}

fn keyring() -> Result<Arc<Keyring>, StoreError> {
    KEYRING.read().expect("keyring lock").clone().ok_or(StoreError::NoKeys)
}

/// `plain`, sealed with the current key.
pub fn seal(purpose: Purpose, plain: &str) -> Result<String, StoreError> {
    Ok(keyring()?.current().seal(purpose, plain))
}

/// True when `stored` is a sealed value (and not, say, a value written before sealing).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// The plain text of a sealed value; `Corrupt(what)` when it was changed or its key is unknown.
pub fn open(purpose: Purpose, stored: &str, what: &'static str) -> Result<String, StoreError> {
    let keys = keyring()?;
    let (id, body) =
        stored.strip_prefix(PREFIX).and_then(|s| s.split_once('.')).ok_or(StoreError::Corrupt(what))?;
    let key = keys.by_id(id).ok_or(StoreError::UnknownKey(id.to_string()))?;
    let mut bytes = hex::decode(body).map_err(|_| StoreError::Corrupt(what))?;
    if bytes.len() < NONCE_LEN {
        return Err(StoreError::Corrupt(what));
    }
    let mut data = bytes.split_off(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(&bytes).map_err(|_| StoreError::Corrupt(what))?;
    let plain = key
        .aead
        .open_in_place(nonce, Aad::from(purpose.label()), &mut data)
        .map_err(|_| StoreError::Corrupt(what))?;
    String::from_utf8(plain.to_vec()).map_err(|_| StoreError::Corrupt(what))
}

/// The keyed hash of `plain` under the current key: what a new value is stored with.
pub fn index(plain: &str) -> Result<String, StoreError> {
    Ok(keyring()?.current().index(plain))
}

/// The keyed hashes of `plain` under every key: what a lookup matches (during a rotation some
/// values are still stored with an older key's hash).
pub fn indexes(plain: &str) -> Result<Vec<String>, StoreError> {
    Ok(keyring()?.keys.iter().map(|k| k.index(plain)).collect())
}

/// Records the current key as one that seals, then refuses (`UnknownKey`) if values sealed
/// with a key this process does not hold may exist. Run at start-up, after the migrations.
pub async fn check_keys(store: &Store) -> Result<(), StoreError> {
    let keys = keyring()?;
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO sealing_key (id, registered_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
        .bind(keys.current().id.as_str())
        .bind(crate::time::instant(jiff::Timestamp::now()))
        .execute(&mut *tx)
        .await?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM sealing_key ORDER BY id").fetch_all(&mut *tx).await?;
    if let Some(unknown) = ids.into_iter().find(|id| keys.by_id(id).is_none()) {
        return Err(StoreError::UnknownKey(unknown));
    }
    tx.commit().await?;
    Ok(())
}

/// How many values `rotate` re-sealed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rotated {
    pub snils: u64,
    pub claimed_snils: u64,
    pub import_batches: u64,
}

/// Which values to (re)seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Values written in clear, before sealing existed: at every start-up.
    Clear,
    /// Those and the values of older keys: a rotation.
    NotCurrent,
}

/// Seals values written in clear (before sealing existed). Run at start-up, after
/// `check_keys`; finds nothing to do but once.
pub async fn seal_clear_values(store: &Store) -> Result<Rotated, StoreError> {
    reseal(store, Pass::Clear).await
}

/// Seals values written in clear and re-seals, with the current key, values of older keys;
/// then forgets the older keys in `sealing_key`, so they may leave the configuration. Batch by
/// batch, each row by a guarded update: safe while servers run (they must all hold the new key
/// first, as their second or first key).
pub async fn rotate(store: &Store) -> Result<Rotated, StoreError> {
    let done = reseal(store, Pass::NotCurrent).await?;
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM sealing_key WHERE id <> $1")
        .bind(keyring()?.current().id.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done)
}

async fn reseal(store: &Store, pass: Pass) -> Result<Rotated, StoreError> {
    let current = format!("{PREFIX}{}.%", keyring()?.current().id);
    let mut done = Rotated::default();
    for column in &COLUMNS {
        let n = reseal_column(store, column, pass, &current).await?;
        match column.table {
            "person" => done.snils = n,
            "possible_duplicate" => done.claimed_snils = n,
            _ => done.import_batches = n,
        }
    }
    Ok(done)
}

/// A column that holds a sealed value; `clear` is its plain twin from before sealing, if any.
struct SealedColumn {
    table: &'static str,
    sealed: &'static str,
    index: Option<&'static str>,
    clear: Option<&'static str>,
    purpose: Purpose,
}

const COLUMNS: [SealedColumn; 3] = [
    SealedColumn {
        table: "person",
        sealed: "snils_sealed",
        index: Some("snils_index"),
        clear: Some("snils"),
        purpose: Purpose::Snils,
    },
    SealedColumn {
        table: "possible_duplicate",
        sealed: "claimed_snils_sealed",
        index: Some("claimed_snils_index"),
        clear: Some("claimed_snils"),
        purpose: Purpose::Snils,
    },
    SealedColumn {
        table: "import_batch",
        sealed: "rows_json",
        index: None,
        clear: None,
        purpose: Purpose::ImportRows,
    },
];

const BATCH: i64 = 500;

async fn reseal_column(
    store: &Store,
    c: &SealedColumn,
    pass: Pass,
    current: &str,
) -> Result<u64, StoreError> {
    let plain_of = match c.clear {
        Some(clear) => format!("COALESCE({clear}, {sealed})", sealed = c.sealed),
        None => c.sealed.to_string(),
    };
    let sealed = c.sealed;
    // $1 is a LIKE pattern: in the first pass, of any sealed value; in a rotation, of the current key's.
    // At start-up only the clear column is read (through its unique index): sealed values all
    // carry the prefix, so scanning them for one would read the whole table on every start.
    let pending = match (c.clear, pass) {
        (Some(clear), Pass::Clear) => format!("{clear} IS NOT NULL"),
        (Some(clear), Pass::NotCurrent) => {
            format!("{clear} IS NOT NULL OR ({sealed} IS NOT NULL AND {sealed} NOT LIKE $1)")
        }
        (None, _) => format!("{sealed} NOT LIKE $1 AND {sealed} NOT IN ('', '[]')"),
    };
    let current = match pass {
        Pass::Clear => format!("{PREFIX}%"),
        Pass::NotCurrent => current.to_string(),
    };
    let current = current.as_str();
    let select = format!("SELECT id, {plain_of} FROM {} WHERE {pending} ORDER BY id LIMIT {BATCH}", c.table);
    let mut total = 0;
    loop {
        let mut tx = store.begin().await?;
        let mut query = sqlx::query_as(&select);
        if select.contains("$1") {
            query = query.bind(current);
        }
        let rows: Vec<(String, String)> = query.fetch_all(&mut *tx).await?;
        if rows.is_empty() {
            return Ok(total);
        }
        for (id, stored) in rows {
            total += reseal_row(&mut tx, c, &id, &stored).await?;
        }
        tx.commit().await?;
    }
}

async fn reseal_row(
    conn: &mut AnyConnection,
    c: &SealedColumn,
    id: &str,
    stored: &str,
) -> Result<u64, StoreError> {
    let plain = if is_sealed(stored) { open(c.purpose, stored, c.table)? } else { stored.to_string() };
    let sealed = seal(c.purpose, &plain)?;
    // Guarded: a row changed since it was read is left for the next pass.
    let (set_clear, guard) = match c.clear {
        Some(clear) => (format!(", {clear} = NULL"), format!("COALESCE({clear}, {s}) = $3", s = c.sealed)),
        None => (String::new(), format!("{s} = $3", s = c.sealed)),
    };
    let set_index = c.index.map(|i| format!(", {i} = $4")).unwrap_or_default();
    let sql = format!(
        "UPDATE {t} SET {s} = $2{set_index}{set_clear} WHERE id = $1 AND {guard}",
        t = c.table,
        s = c.sealed
    );
    let mut update = sqlx::query(&sql).bind(id).bind(&sealed).bind(stored);
    if c.index.is_some() {
        update = update.bind(index(&plain)?);
    }
    Ok(update.execute(&mut *conn).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0101010101010101010101010101010101010101010101010101010101010101";
    const B: &str = "0202020202020202020202020202020202020202020202020202020202020202";

    #[test]
    fn keys_are_64_hex_digits_and_their_ids_are_not_the_keys() {
        assert!(matches!(Keyring::parse("abc"), Err(KeyError::Malformed)));
        assert!(matches!(Keyring::parse(" \n"), Err(KeyError::Empty)));
        let ring = Keyring::parse(&format!("# the keys, newest first\n{A} # since May\n\n{B}")).unwrap();
        assert_eq!(ring.ids().len(), 2);
        assert!(!A.contains(ring.ids()[0]));
        assert_eq!(Keyring::new_key().len(), 64);
        assert_ne!(Keyring::new_key(), Keyring::new_key());
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_purpose() {
        let a = Keyring::parse(A).unwrap();
        let sealed = a.current().seal(Purpose::Snils, "11223344595");
        assert!(!sealed.contains("11223344595"));
        assert_ne!(sealed, a.current().seal(Purpose::Snils, "11223344595"), "a fresh nonce each time");
        install(Keyring::parse(&format!("{B},{A}")).unwrap());
        assert_eq!(open(Purpose::Snils, &sealed, "t").unwrap(), "11223344595");
        assert!(matches!(open(Purpose::ImportRows, &sealed, "t"), Err(StoreError::Corrupt("t"))));
        let mut tampered = sealed.clone();
        tampered.replace_range(sealed.len() - 2.., "00");
        assert!(matches!(open(Purpose::Snils, &tampered, "t"), Err(StoreError::Corrupt("t"))));
        install(Keyring::parse(B).unwrap());
        assert!(matches!(open(Purpose::Snils, &sealed, "t"), Err(StoreError::UnknownKey(_))));
    }

    #[test]
    fn the_index_depends_on_the_key_and_not_only_on_the_number() {
        let (a, b) = (Keyring::parse(A).unwrap(), Keyring::parse(B).unwrap());
        assert_eq!(a.current().index("11223344595"), a.current().index("11223344595"));
        assert_ne!(a.current().index("11223344595"), b.current().index("11223344595"));
        assert_ne!(a.current().index("11223344595"), a.current().index("11223344596"));
    }
}
