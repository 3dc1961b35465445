//! Password hashing: argon2id with the crate's recommended parameters. Deliberately slow: never
//! call it in a bulk path.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 hashes any input").to_string()
}

pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = super::hash("tver-2026-volga");
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("tver-2026-volga", &h));
        assert!(!super::verify("tver-2026-volgA", &h));
        assert!(!super::verify("x", "not a hash"));
    }
}
