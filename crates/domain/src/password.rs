//! Rules for the passwords people choose: ones that help, not ones that annoy. Long enough,
//! not the login, not one of the passwords everyone tries first.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRuleError {
    #[error("пароль должен быть не короче {MIN_LEN} символов")]
    TooShort,
    #[error("пароль слишком длинный: не больше {MAX_LEN} символов")]
    TooLong,
    #[error("пароль не должен совпадать с логином или содержать его")]
    ContainsLogin,
    #[error("этот пароль слишком распространён, его легко подобрать: придумайте другой")]
    Common,
}

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 128;

/// Passwords of ten or more characters that lists of leaked passwords put at the top, and the
/// local favourites (keyboard rows in the Russian layout, transliterated ones).
const COMMON: &[&str] = &[
    "1234567890",
    "0987654321",
    "12345678910",
    "123456789a",
    "1234567890a",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "q1w2e3r4t5",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "qwerty123456",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "1qazxsw23edc",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "1111111111",
    "0000000000",
    "2222222222",
    "5555555555",
    "7777777777",
    "8888888888",
    "9999999999",
    "1212121212",
    "1231231231",
    "123123123123",
    "abcdefghij",
    "abcd123456",
    "asdfghjkl1",
    "asdfghjkl;",
    "zxcvbnm123",
    "йцукенгшщз",
    "йцукенгшщзхъ",
    "фывапролдж",
    "ячсмитьбю.",
    "пароль1234",
    "пароль12345",
    "parol12345",
    "privet12345",
    "qwertyqwerty",
    "adminadmin",
    "administrator",
    "letmein123",
    "welcome123",
    "football12",
    "dragon1234",
    "monkey1234",
    "princess12",
    "sunshine12",
    "superman12",
    "1q2w3e4r5t6y7u",
    "1234qwerasdf",
    "qazwsxedcrfv",
    "1qaz2wsx3e",
    "11223344556677",
    "123321123321",
    "09876543210",
    "tverobrazovanie",
];

/// Checks a new password against the rules; `login` is the account's login.
pub fn check(password: &str, login: &str) -> Result<(), PasswordRuleError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(PasswordRuleError::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordRuleError::TooLong);
    }
    let lower = password.to_lowercase();
    let login = login.trim().to_lowercase();
    if !login.is_empty() && lower.contains(&login) {
        return Err(PasswordRuleError::ContainsLogin);
    }
    if COMMON.contains(&lower.as_str()) || is_one_repeated(&lower) {
        return Err(PasswordRuleError::Common);
    }
    Ok(())
}

fn is_one_repeated(s: &str) -> bool {
    let mut chars = s.chars();
    let first = chars.next();
    chars.all(|c| Some(c) == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_personal_password_passes() {
        assert_eq!(check("Волга впадает в море", "ivanova"), Ok(()));
        assert_eq!(check("tver-rassvet-7", "ivanova"), Ok(()));
    }

    #[test]
    fn short_login_like_and_common_passwords_are_refused() {
        assert_eq!(check("short1", "ivanova"), Err(PasswordRuleError::TooShort));
        assert_eq!(check("Ivanova2026!", "ivanova"), Err(PasswordRuleError::ContainsLogin));
        assert_eq!(check("QWERTYUIOP", "ivanova"), Err(PasswordRuleError::Common));
        assert_eq!(check("йцукенгшщз", "ivanova"), Err(PasswordRuleError::Common));
        assert_eq!(check("aaaaaaaaaaaa", "ivanova"), Err(PasswordRuleError::Common));
        assert_eq!(check(&"x1".repeat(65), "ivanova"), Err(PasswordRuleError::TooLong));
    }

    #[test]
    fn length_counts_letters_not_bytes() {
        // Ten Cyrillic letters are 20 bytes but ten characters: long enough.
        assert_eq!(check("ёлкапалкаё", "x"), Ok(()));
        assert_eq!(check("ёлкапалка", "x"), Err(PasswordRuleError::TooShort));
    }
}
