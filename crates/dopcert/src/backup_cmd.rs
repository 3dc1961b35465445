//! `dopcert backup --to FILE`: on SQLite, an online copy of the database, then the checks of
//! `dopcert verify` run on the copy, so a backup that would not restore is known at once. On
//! PostgreSQL the server's own tools do it better: the command prints how.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use dopcert_store::{verify, Store};

use crate::config::{self, Settings};

pub async fn run(settings: &Settings, to: &Path) -> anyhow::Result<()> {
    if let Some(url) = settings.database_url.as_deref().filter(|u| u.starts_with("postgres")) {
        print!("{}", pg_guidance(url, to));
        return Ok(());
    }
    if to.exists() {
        bail!("{} уже существует: копия не пишется поверх файла, укажите новое имя", to.display());
    }
    let store = config::open_store(settings).await?;
    let started = Instant::now();
    let written = store.backup_into(to).await;
    store.close().await;
    if let Err(e) = written {
        // The file did not exist before: whatever SQLite left of it is not a backup.
        let _ = std::fs::remove_file(to);
        return Err(e).with_context(|| format!("cannot write the copy to {}", to.display()));
    }
    let size = std::fs::metadata(to).with_context(|| format!("cannot read {}", to.display()))?.len();
    println!(
        "Копия базы данных записана в {}: {:.1} МБ за {:.1} с.",
        to.display(),
        size as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    check_copy(to).await
}

/// The checks of `dopcert verify` on the copy, opened read-only: the copy is left as written.
async fn check_copy(path: &Path) -> anyhow::Result<()> {
    let copy = Store::open_read_only(path).await.context("cannot open the copy")?;
    let mut conn = copy.reader().await.context("cannot read the copy")?;
    let counts = verify::counts(&mut conn).await?;
    let found = verify::violations(&mut conn, 10).await?;
    drop(conn);
    copy.close().await;
    match found.first() {
        None => {
            println!(
                "Копия проверена: проверок {}, нарушений нет (проводок {}, счетов {}, групп {}, заявок {}).",
                verify::CHECKS.len(),
                counts.entries,
                counts.accounts,
                counts.groups,
                counts.applications
            );
            println!(
                "СНИЛС в копии зашифрованы ключами персональных данных; сами ключи в копию не входят — \
                 храните их копию отдельно от копий базы: без них СНИЛС не прочитать."
            );
            Ok(())
        }
        Some(v) => {
            for v in &found {
                println!("{}: {}", v.code, v.detail);
            }
            bail!("копия {} не прошла проверку: нарушение {}: {}", path.display(), v.code, v.detail)
        }
    }
}

/// How to back up and restore a PostgreSQL database, with this database's host, port, user and
/// name filled in (never its password).
fn pg_guidance(url: &str, to: &Path) -> String {
    let pg = PgParts::of(url);
    let file = sh_quote(&to.display().to_string());
    let restored = format!("{}_restored", pg.db);
    let conn = pg.flags();
    format!(
        "База данных — PostgreSQL: dopcert её не копирует, это делает pg_dump (сервис может работать, \
         копия — один согласованный момент базы). Пароль — в PGPASSWORD или ~/.pgpass.\n\n\
         Копия:\n  pg_dump -Fc{conn} -d {db} -f {file}\n\n\
         Восстановление в новую пустую базу:\n  createdb{conn} {restored}\n  \
         pg_restore --no-owner{conn} -d {restored} {file}\n\n\
         Затем проверьте восстановленную базу:\n  \
         DATABASE_URL=postgres://{user}@{host}:{port}/{restored} dopcert verify\n",
        db = sh_quote(&pg.db),
        user = pg.user.as_deref().unwrap_or("USER"),
        host = pg.host.as_deref().unwrap_or("localhost"),
        port = pg.port.as_deref().unwrap_or("5432"),
    )
}

/// The parts of `postgres://user:password@host:port/db?options` pg_dump takes as flags.
struct PgParts {
    user: Option<String>,
    host: Option<String>,
    port: Option<String>,
    db: String,
}

impl PgParts {
    fn of(url: &str) -> PgParts {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (auth, place) = rest.rsplit_once('@').unwrap_or(("", rest));
        let user = auth.split(':').next().filter(|u| !u.is_empty()).map(str::to_string);
        let (host_port, db) = place.split_once('/').unwrap_or((place, ""));
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
            _ => (host_port, None),
        };
        PgParts {
            host: Some(host).filter(|h| !h.is_empty()).map(str::to_string),
            port: port.map(str::to_string),
            db: if db.is_empty() {
                user.clone().unwrap_or_else(|| "postgres".into())
            } else {
                db.to_string()
            },
            user,
        }
    }

    /// ` -h HOST -p PORT -U USER`, each only when the URL has it.
    fn flags(&self) -> String {
        let mut out = String::new();
        for (flag, value) in [("-h", &self.host), ("-p", &self.port), ("-U", &self.user)] {
            if let Some(v) = value {
                out.push_str(&format!(" {flag} {}", sh_quote(v)));
            }
        }
        out
    }
}

/// A word for a POSIX shell: as it is when it is plain, in single quotes otherwise.
fn sh_quote(s: &str) -> String {
    let plain = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guidance_names_the_databases_parts_and_never_its_password() {
        let text = pg_guidance(
            "postgres://dop:s3cret@db.example.ru:5433/dopcert?sslmode=require",
            Path::new("x.dump"),
        );
        assert!(text.contains("pg_dump -Fc -h db.example.ru -p 5433 -U dop -d dopcert -f x.dump"), "{text}");
        assert!(
            text.contains("pg_restore --no-owner -h db.example.ru -p 5433 -U dop -d dopcert_restored x.dump")
        );
        assert!(text.contains("dopcert verify") && !text.contains("s3cret"), "{text}");
    }

    #[test]
    fn a_url_without_host_or_port_leaves_their_flags_out() {
        let pg = PgParts::of("postgresql:///dopcert");
        assert_eq!((pg.flags().as_str(), pg.db.as_str()), ("", "dopcert"));
        assert_eq!(sh_quote("my backup.dump"), "'my backup.dump'");
    }
}
