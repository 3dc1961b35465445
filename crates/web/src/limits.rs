//! Rate limits (issue 8) on claiming a certificate (per account) and on the catalog's search
//! (per client address), kept in this server's memory: each server counts what it serves, so N
//! servers behind a balancer let through up to N times as much — enough against a runaway
//! script or a scraper, and no database write on every search. Logins are limited in the
//! database instead (`app::auth`): guessing a password must not get N tries per server.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::WebConfig;

/// Searches (catalog pages) a minute from one address: a class behind one school's address
/// browsing together stays well within it.
pub const SEARCHES_PER_MINUTE: u32 = 300;
/// Claims an hour by one account: a family claims once per child and may retry all of them
/// after a failure (a large family, twice over, stays within it); a script hammering the claim
/// does not.
pub const CLAIMS_PER_HOUR: u32 = 120;
/// Keys remembered before the idle ones are forgotten.
const KEEP_KEYS: usize = 50_000;

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

pub struct Limits {
    search: Option<Keyed>,
    claims: Option<Keyed>,
}

impl Limits {
    pub fn new(c: &WebConfig) -> Limits {
        Limits {
            search: keyed(c.searches_per_minute.unwrap_or(SEARCHES_PER_MINUTE), Duration::from_secs(60)),
            claims: keyed(c.claims_per_hour.unwrap_or(CLAIMS_PER_HOUR), Duration::from_secs(3600)),
        }
    }

    /// A search from `address` may go on; else how long to wait.
    pub fn search(&self, address: &str) -> Result<(), Duration> {
        check(self.search.as_ref(), address)
    }

    /// A claim by `account` may go on; else how long to wait.
    pub fn claim(&self, account: &str) -> Result<(), Duration> {
        check(self.claims.as_ref(), account)
    }
}

/// `n` per `period`, all of them at once if need be; none (no limit) for 0.
fn keyed(n: u32, period: Duration) -> Option<Keyed> {
    let n = NonZeroU32::new(n)?;
    let quota = Quota::with_period(period / n.get())?.allow_burst(n);
    Some(RateLimiter::keyed(quota))
}

fn check(limiter: Option<&Keyed>, key: &str) -> Result<(), Duration> {
    let Some(l) = limiter else { return Ok(()) };
    if l.len() > KEEP_KEYS {
        l.retain_recent();
    }
    l.check_key(&key.to_string()).map_err(|not| not.wait_time_from(DefaultClock::default().now()))
}

/// A wait in words, in Russian as the API's messages are: «30 с», «12 мин».
pub fn wait_text(d: Duration) -> String {
    crate::text::Lang::Ru.wait(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_lets_its_number_through_then_says_how_long_to_wait() {
        let c = WebConfig { claims_per_hour: Some(3), searches_per_minute: Some(0), ..Default::default() };
        let l = Limits::new(&c);
        for _ in 0..3 {
            assert!(l.claim("a").is_ok());
        }
        let wait = l.claim("a").unwrap_err();
        assert!(wait > Duration::from_secs(60) && wait <= Duration::from_secs(1200), "{wait:?}");
        assert!(l.claim("b").is_ok(), "per account");
        for _ in 0..1000 {
            assert!(l.search("127.0.0.1").is_ok(), "0: no limit");
        }
        assert_eq!(wait_text(Duration::from_secs(29)), "30 с");
        assert_eq!(wait_text(Duration::from_secs(700)), "12 мин");
    }
}
