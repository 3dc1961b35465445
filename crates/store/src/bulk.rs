//! Multi-row INSERTs for loading large data sets (the demo region, imports): one statement per
//! batch of rows keeps the load within a minute for a million children on SQLite.

use sqlx::any::AnyArguments;
use sqlx::Arguments;

use crate::{AnyConnection, StoreError};

/// A value of a bulk row.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Int(i64),
    /// A NULL of a text column.
    Null,
    /// A NULL of an integer column (PostgreSQL types its parameters).
    NullInt,
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<Option<i64>> for Value {
    fn from(i: Option<i64>) -> Self {
        i.map_or(Value::NullInt, Value::Int)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        s.map_or(Value::Null, Value::Text)
    }
}

/// Prepares the write connection for a large load inside its transaction. On SQLite the page
/// cache grows to hold the indexes being filled (random inserts into an index larger than the
/// cache rewrite the same pages to the WAL again and again); [`end_load`] gives the memory back.
pub async fn begin_load(conn: &mut AnyConnection, backend: crate::Backend) -> Result<(), StoreError> {
    if backend == crate::Backend::Sqlite {
        sqlx::query("PRAGMA cache_size = -2000000").execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn end_load(conn: &mut AnyConnection, backend: crate::Backend) -> Result<(), StoreError> {
    match backend {
        crate::Backend::Sqlite => {
            sqlx::query(&format!("PRAGMA cache_size = {}", crate::db::SQLITE_CACHE_KIB))
                .execute(&mut *conn)
                .await?;
        }
        // Fresh statistics at once: until autovacuum gets to the loaded tables, PostgreSQL plans
        // without them (measured: the catalog served 88 pages/s instead of 2,000 for minutes
        // after a 100,000-program load).
        crate::Backend::Postgres => {
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Parameters per statement. Both engines accept far more, but binding a named parameter in
/// SQLite costs time linear in the statement's parameter count (sqlx looks up each one's name),
/// so the load is quadratic in batch size: a few hundred is the sweet spot (measured).
const MAX_PARAMS: usize = 200;

/// Parameters per statement on PostgreSQL, which binds them by position: there a statement is a
/// round trip and the start of an executor, so fewer and larger statements are faster (measured
/// by `dopcert bench billing`).
const MAX_PARAMS_POSTGRES: usize = 2_000;

/// How many parameters a statement should hold on the connection's engine (for
/// [`BulkInsert::with_params`]).
pub fn params_for(conn: &AnyConnection) -> usize {
    if conn.backend_name() == "PostgreSQL" {
        MAX_PARAMS_POSTGRES
    } else {
        MAX_PARAMS
    }
}

/// Rows of one table, inserted in batches.
pub struct BulkInsert {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Value>>,
    inserted: u64,
    /// What follows the VALUES, e.g. an `ON CONFLICT` clause.
    suffix: &'static str,
    /// Columns with the same value in every row, bound once per statement as `$1`, `$2`, …
    constants: Vec<(&'static str, Value)>,
    max_params: usize,
}

impl BulkInsert {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        BulkInsert {
            table,
            columns,
            rows: Vec::new(),
            inserted: 0,
            suffix: "",
            constants: Vec::new(),
            max_params: MAX_PARAMS,
        }
    }

    /// Statements of up to `params` parameters instead of the default (see [`params_for`]).
    pub fn with_params(self, params: usize) -> Self {
        assert!(
            params >= 2 * (self.constants.len() + self.columns.len()),
            "a statement of {} holds a row",
            self.table
        );
        BulkInsert { max_params: params, ..self }
    }

    /// The same, with columns whose value is the same in every row (a run's month, the time):
    /// each statement binds them once, so a row carries only its own values and a statement
    /// holds more rows within the same number of parameters.
    pub fn with_constants(
        table: &'static str,
        columns: &'static [&'static str],
        constants: Vec<(&'static str, Value)>,
    ) -> Self {
        assert!(constants.len() < MAX_PARAMS / 2, "constants of {table} leave no room for rows");
        BulkInsert { constants, ..BulkInsert::new(table, columns) }
    }

    /// The same, with a clause after the VALUES (`ON CONFLICT …`).
    pub fn with_suffix(table: &'static str, columns: &'static [&'static str], suffix: &'static str) -> Self {
        BulkInsert { suffix, ..BulkInsert::new(table, columns) }
    }

    fn batch_rows(&self) -> usize {
        ((self.max_params - self.constants.len()) / self.columns.len()).min(1_000)
    }

    /// Adds a row; writes a batch when one is full.
    pub async fn push(&mut self, conn: &mut AnyConnection, row: Vec<Value>) -> Result<(), StoreError> {
        self.push_row(row);
        if self.is_full() {
            self.flush(conn).await?;
        }
        Ok(())
    }

    /// Adds a row without writing: for rows that point at rows of another `BulkInsert`, which
    /// the caller flushes first.
    pub fn push_row(&mut self, row: Vec<Value>) {
        assert_eq!(row.len(), self.columns.len(), "row of {} has the wrong width", self.table);
        self.rows.push(row);
    }

    pub fn is_full(&self) -> bool {
        self.rows.len() >= self.batch_rows()
    }

    /// Writes what is pending; returns how many rows were written in all.
    pub async fn finish(mut self, conn: &mut AnyConnection) -> Result<u64, StoreError> {
        self.flush(conn).await?;
        Ok(self.inserted)
    }

    /// Writes the pending rows.
    pub async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let (width, fixed) = (self.columns.len(), self.constants.len());
        let names: Vec<&str> =
            self.constants.iter().map(|(c, _)| *c).chain(self.columns.iter().copied()).collect();
        let mut sql = format!("INSERT INTO {} ({}) VALUES ", self.table, names.join(", "));
        let mut args = AnyArguments::default();
        for (_, value) in &self.constants {
            bind(&mut args, value.clone())?;
        }
        let shared: String = (1..=fixed).map(|i| format!("${i}, ")).collect();
        for (r, row) in self.rows.drain(..).enumerate() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            sql.push_str(&shared);
            for (c, value) in row.into_iter().enumerate() {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&(fixed + r * width + c + 1).to_string());
                bind(&mut args, value)?;
            }
            sql.push(')');
        }
        sql.push_str(self.suffix);
        let done = sqlx::query_with(&sql, args).execute(&mut *conn).await?;
        self.inserted += done.rows_affected();
        Ok(())
    }
}

fn bind(args: &mut AnyArguments<'_>, value: Value) -> Result<(), StoreError> {
    let bound = match value {
        Value::Text(s) => args.add(s),
        Value::Int(i) => args.add(i),
        Value::Null => args.add(Option::<String>::None),
        Value::NullInt => args.add(Option::<i64>::None),
    };
    bound.map_err(|e| StoreError::Database(sqlx::Error::Encode(e)))
}
