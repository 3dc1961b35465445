//! Settings: resolved once from flags, environment and the configuration file, in that order.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use dopcert_store::{sealed, Store, StoreOptions};
use serde::Deserialize;

use crate::cli::{Cli, Command};

/// The configuration file. Every key is optional; see the README for each.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data: Option<PathBuf>,
    database_url: Option<String>,
    listen: Option<String>,
    public_url: Option<String>,
    trust_forwarded: Option<bool>,
    searches_per_minute: Option<u32>,
    claims_per_hour: Option<u32>,
    esia_issuer: Option<String>,
    esia_client_id: Option<String>,
    esia_client_secret: Option<String>,
    demo: Option<bool>,
    log: Option<String>,
    log_format: Option<String>,
    max_connections: Option<u32>,
    personal_data_keys_file: Option<PathBuf>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    metrics_token: Option<String>,
}

/// Where the personal-data keys come from.
#[derive(Clone)]
pub enum KeySource {
    /// DOPCERT_PERSONAL_DATA_KEYS: the keys themselves.
    Given(String),
    /// A file named by configuration: it must exist.
    File(PathBuf),
    /// The data folder's own file, made with a fresh key on first start (SQLite only).
    DataFolder(PathBuf),
    /// None given, on PostgreSQL: several servers share it, so each must be given the same keys.
    Missing,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Given(_) => write!(f, "Given(***)"),
            KeySource::File(p) => write!(f, "File({})", p.display()),
            KeySource::DataFolder(p) => write!(f, "DataFolder({})", p.display()),
            KeySource::Missing => write!(f, "Missing"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub data: PathBuf,
    pub database_url: Option<String>,
    pub listen: SocketAddr,
    /// The address people open (login slips, links in emails).
    pub public_url: String,
    pub trust_forwarded: bool,
    /// Rate limits (`web::limits`); `None` for the default, 0 for none.
    pub searches_per_minute: Option<u32>,
    pub claims_per_hour: Option<u32>,
    /// «Войти через Госуслуги», when configured.
    pub esia: Option<dopcert_app::esia::EsiaConfig>,
    /// Load the demo region into an empty database at `serve`.
    pub demo_on_empty: bool,
    pub log: String,
    pub log_format: LogFormat,
    pub max_connections: u32,
    pub keys: KeySource,
    /// E-mail notifications: the SMTP server (none: queued), the sender, the links' address.
    pub mail: dopcert_app::mail::MailConfig,
    /// The token a Prometheus scraper presents at `/metrics`.
    pub metrics_token: Option<String>,
}

fn read_file(cli: &Cli) -> anyhow::Result<FileConfig> {
    let (path, explicit) = match &cli.config {
        Some(p) => (p.clone(), true),
        None => (PathBuf::from("dopcert.toml"), false),
    };
    if !explicit && !path.exists() {
        return Ok(FileConfig::default());
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("bad configuration in {}", path.display()))
}

impl Settings {
    pub fn resolve(cli: &Cli) -> anyhow::Result<Settings> {
        let file = read_file(cli)?;
        let serve = match &cli.command {
            Command::Serve(s) | Command::Config(s) => Some(s),
            _ => None,
        };
        let listen = serve
            .and_then(|s| s.listen.clone())
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".to_string());
        let listen = listen.parse().with_context(|| format!("--listen: «{listen}» is not ADDRESS:PORT"))?;
        let log_format = match cli.log_format.clone().or(file.log_format).as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => anyhow::bail!("--log-format: «{other}» is neither text nor json"),
        };
        let no_demo = serve.is_some_and(|s| s.no_demo);
        let public_url = serve
            .and_then(|s| s.public_url.clone())
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("--public-url: «{public_url}» must start with http:// or https://");
        }
        let trust_forwarded =
            serve.is_some_and(|s| s.trust_forwarded) || file.trust_forwarded.unwrap_or(false);
        let esia_issuer =
            serve.and_then(|s| s.esia_issuer.clone()).or(file.esia_issuer).filter(|s| !s.is_empty());
        let esia = match esia_issuer {
            None => None,
            Some(issuer) => {
                let client_id = serve.and_then(|s| s.esia_client_id.clone()).or(file.esia_client_id);
                let client_secret =
                    serve.and_then(|s| s.esia_client_secret.clone()).or(file.esia_client_secret);
                let (Some(client_id), Some(client_secret)) = (client_id, client_secret) else {
                    anyhow::bail!("--esia-issuer needs --esia-client-id and --esia-client-secret too");
                };
                let redirect_url = format!("{public_url}/login/esia/callback");
                Some(dopcert_app::esia::EsiaConfig { issuer, client_id, client_secret, redirect_url })
            }
        };
        let data = cli.data.clone().or(file.data).unwrap_or_else(|| PathBuf::from("data"));
        let database_url = cli.database_url.clone().or(file.database_url).filter(|u| !u.is_empty());
        let on_sqlite = database_url.as_deref().is_none_or(|u| u.starts_with("sqlite:"));
        let keys = match std::env::var("DOPCERT_PERSONAL_DATA_KEYS").ok().filter(|k| !k.trim().is_empty()) {
            Some(keys) => KeySource::Given(keys),
            None => match cli.personal_data_keys_file.clone().or(file.personal_data_keys_file) {
                Some(path) => KeySource::File(path),
                None if on_sqlite => KeySource::DataFolder(data.join(KEYS_FILE)),
                None => KeySource::Missing,
            },
        };
        let smtp_url =
            serve.and_then(|s| s.smtp_url.clone()).or(file.smtp_url).filter(|u| !u.trim().is_empty());
        let mail_from = serve
            .and_then(|s| s.mail_from.clone())
            .or(file.mail_from)
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| default_mail_from(&public_url));
        let mail =
            dopcert_app::mail::MailConfig { smtp_url, from: mail_from, public_url: public_url.clone() };
        let metrics_token = serve
            .and_then(|s| s.metrics_token.clone())
            .or(file.metrics_token)
            .filter(|t| !t.trim().is_empty());
        Ok(Settings {
            mail,
            metrics_token,
            data,
            database_url,
            listen,
            public_url,
            trust_forwarded,
            searches_per_minute: serve.and_then(|s| s.searches_per_minute).or(file.searches_per_minute),
            claims_per_hour: serve.and_then(|s| s.claims_per_hour).or(file.claims_per_hour),
            esia,
            demo_on_empty: !no_demo && file.demo.unwrap_or(true),
            log: cli.log.clone().or(file.log).unwrap_or_else(|| "info,sqlx=warn".to_string()),
            log_format,
            max_connections: cli.max_connections.or(file.max_connections).unwrap_or(16).max(1),
            keys,
        })
    }

    pub fn web_config(&self) -> dopcert_web::WebConfig {
        dopcert_web::WebConfig {
            secure_cookies: self.public_url.starts_with("https://"),
            trust_forwarded: self.trust_forwarded,
            public_url: self.public_url.clone(),
            report_wait: None,
            searches_per_minute: self.searches_per_minute,
            claims_per_hour: self.claims_per_hour,
            metrics_token: self.metrics_token.clone(),
        }
    }

    pub fn store_options(&self) -> anyhow::Result<StoreOptions> {
        let mut options = match &self.database_url {
            Some(url) => StoreOptions::new(url.clone()),
            None => {
                create_dir(&self.data)?;
                StoreOptions::sqlite_in(&self.data)
            }
        };
        options.max_connections = self.max_connections;
        Ok(options)
    }
}

impl std::fmt::Display for Settings {
    /// The effective configuration as TOML, the database password hidden.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = self.database_url.as_deref().map(hide_password);
        writeln!(f, "data = {:?}", self.data.display().to_string())?;
        match url {
            Some(u) => writeln!(f, "database_url = {u:?}")?,
            None => writeln!(f, "# database_url not set: SQLite in the data folder")?,
        }
        writeln!(f, "listen = \"{}\"", self.listen)?;
        writeln!(f, "public_url = {:?}", self.public_url)?;
        writeln!(f, "trust_forwarded = {}", self.trust_forwarded)?;
        if let Some(n) = self.searches_per_minute {
            writeln!(f, "searches_per_minute = {n}")?;
        }
        if let Some(n) = self.claims_per_hour {
            writeln!(f, "claims_per_hour = {n}")?;
        }
        match &self.esia {
            Some(e) => {
                writeln!(f, "esia_issuer = {:?}", e.issuer)?;
                writeln!(f, "esia_client_id = {:?}", e.client_id)?;
                writeln!(f, "esia_client_secret = \"***\"")?;
            }
            None => writeln!(f, "# esia_issuer not set: no «Войти через Госуслуги»")?,
        }
        writeln!(f, "demo = {}", self.demo_on_empty)?;
        writeln!(f, "log = {:?}", self.log)?;
        let format = if self.log_format == LogFormat::Json { "json" } else { "text" };
        writeln!(f, "log_format = \"{format}\"")?;
        writeln!(f, "max_connections = {}", self.max_connections)?;
        match &self.keys {
            KeySource::Given(_) => writeln!(f, "# personal-data keys from DOPCERT_PERSONAL_DATA_KEYS"),
            KeySource::File(p) => writeln!(f, "personal_data_keys_file = {:?}", p.display().to_string()),
            KeySource::DataFolder(p) => writeln!(f, "# personal-data keys in {}", p.display()),
            KeySource::Missing => writeln!(f, "# personal-data keys not set: required on PostgreSQL"),
        }?;
        match &self.mail.smtp_url {
            Some(u) => writeln!(f, "smtp_url = {:?}", hide_password(u))?,
            None => writeln!(f, "# smtp_url not set: e-mails wait in the outbox")?,
        }
        writeln!(f, "mail_from = {:?}", self.mail.from)?;
        match &self.metrics_token {
            Some(_) => writeln!(f, "metrics_token = \"***\""),
            None => writeln!(f, "# metrics_token not set: /metrics answers this machine only"),
        }
    }
}

/// «Сертификат дополнительного образования <noreply@HOST>» for a public address with a host
/// name; `noreply@localhost` for an IP address.
fn default_mail_from(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    let host = if host.chars().any(|c| c.is_ascii_alphabetic()) { host } else { "localhost" };
    format!("Сертификат дополнительного образования <noreply@{host}>")
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((auth, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the data folder {}", dir.display()))
}

/// The data folder's key file.
const KEYS_FILE: &str = "personal-data.keys";

/// Reads the personal-data keys and makes them this process's; on the data folder's file, makes
/// it with a fresh key if it is not there yet.
pub fn install_keys(settings: &Settings) -> anyhow::Result<()> {
    let text = match &settings.keys {
        KeySource::Given(keys) => keys.clone(),
        KeySource::File(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the keys in {}", path.display()))?,
        KeySource::DataFolder(path) => data_folder_keys(path)?,
        KeySource::Missing => anyhow::bail!(
            "на PostgreSQL ключи персональных данных задаются явно, одни и те же для всех серверов: \
             DOPCERT_PERSONAL_DATA_KEYS или --personal-data-keys-file (ключ даёт `dopcert keys new`)"
        ),
    };
    let keyring = sealed::Keyring::parse(&text).context("personal-data keys")?;
    sealed::install(keyring);
    Ok(())
}

fn data_folder_keys(path: &Path) -> anyhow::Result<String> {
    if let Ok(text) = std::fs::read_to_string(path) {
        return Ok(text);
    }
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    let text = format!(
        "# dopcert's personal-data keys: the first seals SNILS at rest. Keep a copy apart from the\n\
         # database's backups; without it the sealed values cannot be read. See docs/SECURITY.md.\n{}\n",
        sealed::Keyring::new_key()
    );
    write_private(path, &text).with_context(|| format!("cannot write the keys to {}", path.display()))?;
    tracing::warn!(file = %path.display(), "made a new personal-data key; keep a copy apart from backups");
    Ok(text)
}

/// Writes a new file only its owner may read; never over an existing one.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

/// Opens the database and brings its schema up to date; with the personal-data keys installed,
/// checks that they open what is sealed, and seals what was written before sealing.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    install_keys(settings)?;
    let options = settings.store_options()?;
    let store = Store::open(&options).await.context("cannot open the database")?;
    store.migrate().await.context("cannot migrate the database")?;
    sealed::check_keys(&store).await.map_err(|e| match e {
        dopcert_store::StoreError::UnknownKey(id) => anyhow::anyhow!(
            "персональные данные в базе зашифрованы ключом {id}, которого нет среди ключей этого сервера: \
             укажите те же ключи, что у остальных серверов (DOPCERT_PERSONAL_DATA_KEYS или --personal-data-keys-file)"
        ),
        e => anyhow::Error::new(e).context("cannot check the personal-data keys"),
    })?;
    let sealed = sealed::seal_clear_values(&store).await.context("cannot seal personal data")?;
    if sealed != sealed::Rotated::default() {
        tracing::info!(?sealed, "sealed personal data written before sealing");
    }
    Ok(store)
}

pub fn init_logging(settings: &Settings) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn rate_limits_come_from_the_flags_else_the_web_layers_defaults() {
        let cli =
            Cli::try_parse_from(["dopcert", "serve", "--claims-per-hour", "7", "--searches-per-minute", "0"])
                .unwrap();
        let web = Settings::resolve(&cli).unwrap().web_config();
        assert_eq!((web.claims_per_hour, web.searches_per_minute), (Some(7), Some(0)));
        let web =
            Settings::resolve(&Cli::try_parse_from(["dopcert", "serve"]).unwrap()).unwrap().web_config();
        assert_eq!((web.claims_per_hour, web.searches_per_minute), (None, None), "limits::* apply");
    }
}
