//! What forms share: a problem tied to the field it is about, so that pages show it beside the
//! field (and screen readers read it with the field).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// Collects field problems while a form is checked.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &'static str, message: impl ToString) {
        self.0.push(FieldError { field, message: message.to_string() });
    }

    /// The value, or None with its problem noted.
    pub fn check<T, E: ToString>(&mut self, field: &'static str, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| self.add(field, e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
