//! The time use cases see. Real time in production; tests set it to the instant a rule needs
//! (a claim at 23:59 on the eve of a birthday, say).

use std::sync::{Arc, Mutex};

use jiff::{civil::Date, Timestamp};

#[derive(Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<Mutex<Timestamp>>>,
}

impl Clock {
    pub fn system() -> Self {
        Clock { fixed: None }
    }

    /// A clock that stands still at `at` until moved with [`Clock::set`].
    pub fn fixed(at: Timestamp) -> Self {
        Clock { fixed: Some(Arc::new(Mutex::new(at))) }
    }

    pub fn set(&self, at: Timestamp) {
        let fixed = self.fixed.as_ref().expect("only a fixed clock can be set");
        *fixed.lock().expect("clock lock") = at;
    }

    pub fn now(&self) -> Timestamp {
        match &self.fixed {
            Some(t) => *t.lock().expect("clock lock"),
            None => Timestamp::now(),
        }
    }

    /// Today's date in Moscow: the date the rules about age go by.
    pub fn today(&self) -> Date {
        dopcert_domain::time::moscow_date(self.now())
    }
}
