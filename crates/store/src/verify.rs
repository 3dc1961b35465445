//! The invariants `dopcert verify` proves (R09), each a query for its first violations. They
//! read the whole database; run them on a quiet moment or a copy for large regions.

use crate::{AnyConnection, StoreError};

/// One broken invariant, named for a person to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// A stable code: `unbalanced_entry`, `balance_drift`, `negative_balance`, `seats`, `held`,
    /// `charge_copy`, `audit_chain`, `clear_personal_data`, `sealed_value`.
    pub code: &'static str,
    pub detail: String,
}

/// How many rows each check read, for the report.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub entries: i64,
    pub accounts: i64,
    pub groups: i64,
    pub applications: i64,
}

pub async fn counts(conn: &mut AnyConnection) -> Result<Counts, StoreError> {
    let one = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql);
    Ok(Counts {
        entries: one("SELECT COUNT(*) FROM ledger_entry").fetch_one(&mut *conn).await?,
        accounts: one("SELECT COUNT(*) FROM ledger_account").fetch_one(&mut *conn).await?,
        groups: one("SELECT COUNT(*) FROM program_group").fetch_one(&mut *conn).await?,
        applications: one("SELECT COUNT(*) FROM application").fetch_one(&mut *conn).await?,
    })
}

/// The checks `violations` runs, by their codes, in its order.
pub const CHECKS: [&str; 9] = [
    "unbalanced_entry",
    "balance_drift",
    "negative_balance",
    "seats",
    "held",
    "charge_copy",
    "audit_chain",
    "clear_personal_data",
    "sealed_value",
];

/// Up to `limit` violations of every invariant, in a fixed order of checks.
pub async fn violations(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Violation>, StoreError> {
    let mut out = Vec::new();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT entry_id, CAST(SUM(amount) AS BIGINT) FROM ledger_posting GROUP BY entry_id
         HAVING SUM(amount) <> 0 ORDER BY entry_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    out.extend(rows.into_iter().map(|(id, sum)| Violation {
        code: "unbalanced_entry",
        detail: format!("запись {id}: проводки в сумме {}, а не 0", money(sum)),
    }));
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.kind, a.balance, CAST(COALESCE(SUM(p.amount), 0) AS BIGINT)
         FROM ledger_account a LEFT JOIN ledger_posting p ON p.account_id = a.id
         GROUP BY a.id, a.kind, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0)
         ORDER BY a.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    out.extend(rows.into_iter().map(|(id, kind, balance, sum)| Violation {
        code: "balance_drift",
        detail: format!("счёт {id} ({kind}): остаток {}, а по проводкам {}", money(balance), money(sum)),
    }));
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, kind, balance FROM ledger_account WHERE kind <> 'budget' AND balance < 0 ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    out.extend(rows.into_iter().map(|(id, kind, balance)| Violation {
        code: "negative_balance",
        detail: format!("счёт {id} ({kind}): остаток {} меньше нуля", money(balance)),
    }));
    let rows = crate::application::seat_mismatches(conn).await?;
    out.extend(rows.into_iter().take(limit as usize).map(|(id, seats, taken, holding)| Violation {
        code: "seats",
        detail: format!("группа {id}: мест {seats}, занято {taken}, по заявкам {holding} (с учётом записанных вне сертификата)"),
    }));
    out.extend(held_mismatches(conn, limit).await?);
    out.extend(charge_copies(conn, limit).await?);
    out.extend(audit_chain(conn).await?);
    out.extend(clear_personal_data(conn).await?);
    out.extend(sealed_values(conn, limit).await?);
    Ok(out)
}

/// Every sealed value opens with this process's keys and is what it should be: so a lost key,
/// a rotation left half-way or a changed value is found before anyone needs the data.
async fn sealed_values(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Violation>, StoreError> {
    use crate::sealed::{open, Purpose};
    const PAGE: i64 = 5_000;
    let mut out = Vec::new();
    for (table, column, purpose) in [
        ("person", "snils_sealed", Purpose::Snils),
        ("possible_duplicate", "claimed_snils_sealed", Purpose::Snils),
        ("import_batch", "rows_json", Purpose::ImportRows),
    ] {
        let sql = format!(
            "SELECT id, {column} FROM {table} WHERE id > $1 AND {column} LIKE 's1.%' ORDER BY id LIMIT {PAGE}"
        );
        let mut after = String::new();
        loop {
            let page: Vec<(String, String)> = sqlx::query_as(&sql).bind(&after).fetch_all(&mut *conn).await?;
            for (id, value) in &page {
                let opened = open(purpose, value, "sealed");
                let valid = match (&opened, purpose) {
                    (Ok(digits), Purpose::Snils) => dopcert_domain::snils::Snils::parse(digits).is_ok(),
                    (Ok(_), Purpose::ImportRows) => true,
                    (Err(_), _) => false,
                };
                if !valid && (out.len() as i64) < limit {
                    let why = match opened {
                        Err(StoreError::UnknownKey(key)) => {
                            format!("зашифровано ключом {key}, которого нет в настройках")
                        }
                        _ => "не расшифровывается (значение изменено)".to_string(),
                    };
                    out.push(Violation {
                        code: "sealed_value",
                        detail: format!("{table} {id}, {column}: {why}"),
                    });
                }
            }
            match page.last() {
                Some((id, _)) if page.len() as i64 == PAGE => after = id.clone(),
                _ => break,
            }
        }
    }
    Ok(out)
}

/// Every SNILS and every pupils file sealed (`sealed`): none left in clear.
async fn clear_personal_data(conn: &mut AnyConnection) -> Result<Option<Violation>, StoreError> {
    let clear: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM person WHERE snils IS NOT NULL)
              + (SELECT COUNT(*) FROM possible_duplicate WHERE claimed_snils IS NOT NULL)
              + (SELECT COUNT(*) FROM import_batch WHERE rows_json NOT IN ('', '[]') AND rows_json NOT LIKE 's1.%')",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((clear > 0).then(|| Violation {
        code: "clear_personal_data",
        detail: format!("записей с СНИЛС или файлом учеников не зашифровано: {clear}"),
    }))
}

/// A charge's organization and certificate are its application's (copies kept for the
/// invoices, without foreign keys of their own: migration 0015).
async fn charge_copies(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Violation>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.application_id, c.month FROM billing_charge c
         JOIN application a ON a.id = c.application_id JOIN program p ON p.id = a.program_id
         WHERE c.organization_id <> p.organization_id OR c.certificate_id IS DISTINCT FROM a.certificate_id
         ORDER BY c.application_id, c.month LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(application, month)| Violation {
            code: "charge_copy",
            detail: format!("начисление по договору {application} за {month}: организация или сертификат не те, что в договоре"),
        })
        .collect())
}

/// The audit log's chain: sealed records numbered 1, 2, … without a gap, each with the hash of
/// the one before and its own hash re-computed from its content, the last one the head. The
/// first break is named; what follows it is not trusted either.
async fn audit_chain(conn: &mut AnyConnection) -> Result<Option<Violation>, StoreError> {
    const PAGE: i64 = 5_000;
    let broken = |seq: i64, what: &str| {
        Some(Violation {
            code: "audit_chain", detail: format!("журнал действий, запись № {seq}: {what}")
        })
    };
    let (mut seq, mut prev) = (0, dopcert_domain::audit::GENESIS.to_string());
    loop {
        let page = crate::audit::chain(conn, seq, PAGE).await?;
        for r in &page {
            let n = r.seq.unwrap_or_default();
            if n != seq + 1 {
                return Ok(broken(seq + 1, &format!("нет записи (следующая — № {n})")));
            }
            if r.prev_hash.as_deref() != Some(prev.as_str()) {
                return Ok(broken(n, "не совпадает хеш предыдущей записи"));
            }
            let h = dopcert_domain::audit::hash(&prev, n, &r.content());
            if r.hash.as_deref() != Some(h.as_str()) {
                return Ok(broken(n, "содержимое изменено после записи (хеш не совпадает)"));
            }
            (seq, prev) = (n, h);
        }
        if (page.len() as i64) < PAGE {
            break;
        }
    }
    let (head_seq, head_hash) = crate::audit::head(conn).await?;
    if (head_seq, head_hash.as_str()) != (seq, prev.as_str()) {
        return Ok(broken(
            head_seq,
            &format!("журнал кончается записью № {seq}, а его вершина — № {head_seq}"),
        ));
    }
    Ok(None)
}

/// A certificate's held money equals what its contracts still hold: each contract's hold less
/// its charges (reversed charges not counted).
async fn held_mismatches(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Violation>, StoreError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT h.certificate_id, h.balance, CAST(COALESCE(x.held, 0) AS BIGINT)
         FROM ledger_account h
         LEFT JOIN (SELECT a.certificate_id,
                           SUM(a.hold - COALESCE((SELECT SUM(c.amount) FROM billing_charge c
                                                  WHERE c.application_id = a.id
                                                    AND NOT EXISTS (SELECT 1 FROM ledger_reversal r
                                                                    WHERE r.reverses = c.entry_id)), 0)) AS held
                    FROM application a GROUP BY a.certificate_id) x ON x.certificate_id = h.certificate_id
         WHERE h.kind = 'certificate_held' AND h.balance <> COALESCE(x.held, 0)
         ORDER BY h.certificate_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(cert, balance, held)| Violation {
            code: "held",
            detail: format!(
                "сертификат {cert}: зарезервировано {}, а по договорам {}",
                money(balance),
                money(held)
            ),
        })
        .collect())
}

/// «1 500,00 ₽»: kopecks as the rest of dopcert writes money.
fn money(kopecks: i64) -> String {
    dopcert_domain::format::money(dopcert_domain::money::Kopecks::new(kopecks))
}
