//! The command line. Every option can also come from an environment variable or the
//! configuration file; the order of precedence is flag, then environment, then file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "dopcert",
    version,
    about = "dopcert — the certificate of additional education for children (сертификат дополнительного образования)",
    long_about = "dopcert — the certificate of additional education for children (сертификат \
                  дополнительного образования): the registry of certificates, the personal cabinet, \
                  the catalog of certified programs, enrollment and payments.\n\n\
                  Every option may be given as a flag, as an environment variable, or in the \
                  configuration file (TOML); a flag wins over the environment, the environment over \
                  the file."
)]
pub struct Cli {
    /// Data folder: the SQLite database lives here when no database URL is given.
    #[arg(long, global = true, env = "DOPCERT_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Database URL, `postgres://user:pass@host/db` or `sqlite://file.db`. Without it dopcert uses
    /// `DIR/dopcert.db` in the data folder.
    #[arg(long, global = true, env = "DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Configuration file (TOML). Default: `dopcert.toml` in the current folder, if present.
    #[arg(long, global = true, env = "DOPCERT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log filter in tracing's syntax, e.g. `info` or `dopcert=debug,sqlx=warn` [default: info].
    #[arg(long, global = true, env = "DOPCERT_LOG", value_name = "FILTER")]
    pub log: Option<String>,

    /// Log format: `text` for people, `json` for log collectors [default: text].
    #[arg(long, global = true, env = "DOPCERT_LOG_FORMAT", value_name = "FORMAT")]
    pub log_format: Option<String>,

    /// Database connections to open at most (PostgreSQL; SQLite readers) [default: 16].
    #[arg(long, global = true, env = "DOPCERT_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<u32>,

    /// A file with the personal-data keys (64 hex digits each, one per line, the first seals;
    /// see `dopcert keys`). The keys may instead be given in DOPCERT_PERSONAL_DATA_KEYS. Without
    /// either, dopcert keeps its key in `DIR/personal-data.keys`, made on first start.
    #[arg(long, global = true, env = "DOPCERT_PERSONAL_DATA_KEYS_FILE", value_name = "FILE")]
    pub personal_data_keys_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web pages and the API. Migrates the database first; on an empty database
    /// loads the demo region.
    Serve(ServeArgs),
    /// Apply the schema migrations (serve does this too at start).
    Migrate,
    /// (Re)load the deterministic demo region, or list its logins.
    Demo(DemoArgs),
    /// Measure: `bench import` times the import of a generated pupils file; `bench claim`
    /// certificate claims over HTTP beside the same writes as bare SQL; `bench search` the
    /// catalog; `bench rush` the enrollment rush; `bench billing` the monthly billing run; `bench
    /// dashboard` the back office's dashboard.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Print the effective configuration (after flags, environment and file), passwords hidden.
    Config(ServeArgs),
    /// Monthly billing: `billing run --period 2026-11` charges every contract of the month and
    /// issues the invoices; re-running charges nothing twice; an interrupted run resumes.
    #[command(subcommand)]
    Billing(BillingCommand),
    /// Prove the ledger: every entry balanced, every balance equal to its entries, none below
    /// zero, no group over its seats, every hold matching its contracts. Exits non-zero and
    /// names the first violation.
    Verify,
    /// Copy the database to FILE while the service keeps running (SQLite), then check the copy
    /// as `verify` does; on PostgreSQL, print how to back up with pg_dump instead.
    Backup {
        /// The copy to write; refused if it exists.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// A municipality's period: `period close --year 2026` expires what is left (R10) once its
    /// last month is billed; `period open --year 2027` credits the nominals in claim order (R06).
    #[command(subcommand)]
    Period(PeriodCommand),
    /// The keys that seal SNILS at rest: `keys new` prints a fresh key; `keys rotate` re-seals
    /// every value with the first key of the configuration, after which older keys may go.
    #[command(subcommand)]
    Keys(KeysCommand),
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Print a fresh random key (64 hex digits) to put first in the keys.
    New,
    /// Re-seal every sealed value with the first key; older keys are no longer needed after it.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum BillingCommand {
    Run {
        /// The month, as 2026-11.
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        /// Contracts per transaction.
        #[arg(long, default_value_t = 2_000)]
        batch: i64,
        /// Batches written at once, each on its own connection (on PostgreSQL: a server process
        /// each).
        #[arg(long, default_value_t = 2, value_name = "N")]
        jobs: usize,
        /// Take over a run of the same month that gave no sign of life for this many seconds
        /// (a killed run). Taking over a live one wastes work but charges nothing twice.
        #[arg(long, default_value_t = 120, value_name = "SECONDS")]
        resume_after: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    Open {
        #[arg(long)]
        year: i32,
    },
    Close {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "DOPCERT_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,

    /// Do not load the demo region into an empty database (production).
    #[arg(long, env = "DOPCERT_NO_DEMO")]
    pub no_demo: bool,

    /// The address people open, e.g. https://dop.example.ru; printed on login slips. An https
    /// address makes cookies Secure [default: http://LISTEN].
    #[arg(long, env = "DOPCERT_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Take the client's address from X-Forwarded-For (only behind a load balancer you run).
    #[arg(long, env = "DOPCERT_TRUST_FORWARDED")]
    pub trust_forwarded: bool,

    /// Catalog pages a minute from one client address [default: 300; 0: no limit].
    #[arg(long, env = "DOPCERT_SEARCHES_PER_MINUTE", value_name = "N")]
    pub searches_per_minute: Option<u32>,

    /// Certificate claims an hour by one account, page and API together [default: 120; 0: no limit].
    #[arg(long, env = "DOPCERT_CLAIMS_PER_HOUR", value_name = "N")]
    pub claims_per_hour: Option<u32>,

    /// «Войти через Госуслуги»: the OpenID Connect issuer URL. The button appears only when set.
    #[arg(long, env = "DOPCERT_ESIA_ISSUER", value_name = "URL")]
    pub esia_issuer: Option<String>,

    /// The client id registered with the identity provider.
    #[arg(long, env = "DOPCERT_ESIA_CLIENT_ID", value_name = "ID")]
    pub esia_client_id: Option<String>,

    /// The client secret registered with the identity provider.
    #[arg(long, env = "DOPCERT_ESIA_CLIENT_SECRET", value_name = "SECRET", hide_env_values = true)]
    pub esia_client_secret: Option<String>,

    /// The SMTP server for e-mail notifications: smtp://host:port (plain), smtp://host?tls=required
    /// (STARTTLS), smtps://user:password@host (TLS). Without it e-mails wait in the outbox.
    #[arg(long, env = "DOPCERT_SMTP_URL", value_name = "URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mails, e.g. "Сертификат ДО <noreply@dop.example.ru>"
    /// [default: noreply@ the public address's host].
    #[arg(long, env = "DOPCERT_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,

    /// The bearer token a Prometheus scraper presents at /metrics (behind a load balancer).
    /// Without it, /metrics answers only a client on this machine not relayed by a proxy.
    #[arg(long, env = "DOPCERT_METRICS_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Import N generated pupils (with a parent each) as the demo school's clerk: preview, then
    /// commit; prints the times. Loads the demo region first when the database is empty.
    Import {
        #[arg(long, default_value_t = 100_000)]
        pupils: u32,
    },
    /// Claim certificates through `POST /api/v1/certificates` of the real server (in this
    /// process, on a free local port) from many sessions at once, then run the same database
    /// writes as bare SQL transactions for as many other children; prints throughput and
    /// latencies of both. Loads the demo region first when the database is empty or smaller;
    /// gives parents accounts and tokens and raises the funded quotas (not timed).
    Claim {
        /// Children in the demo region.
        #[arg(long, default_value_t = 200_000, value_name = "N")]
        children: u32,
        /// Concurrent sessions, each claiming for its share of the children one after another.
        #[arg(long, default_value_t = 256, value_name = "N")]
        sessions: usize,
        /// Claims in each phase (HTTP, then bare SQL, for different children).
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        claims: usize,
        /// Offer this many claims per second in all, on a fixed timetable (latency then counts
        /// from each claim's planned moment); without it every session claims again as soon as
        /// it is answered, which measures the most the server can do.
        #[arg(long, value_name = "PER_SECOND")]
        rate: Option<f64>,
        /// Seed of the demo generator when the demo is loaded [default: 69].
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Send the HTTP phase to servers already running on this database (e.g. a load
        /// balancer in front of several `dopcert serve`: scripts/bench-servers) instead of a
        /// server in this process.
        #[arg(long, value_name = "URL")]
        target: Option<String>,
    },
    /// Search the catalog through `GET /catalog` of the real server (in this process, on a free
    /// local port) from many clients at once with a realistic mix of queries (words, typos,
    /// filters, sorts, pages); prints throughput and latencies of the page of results. Loads a
    /// demo region with that many programs first when the database has fewer.
    Search {
        /// Programs in the demo region.
        #[arg(long, default_value_t = 100_000, value_name = "N")]
        programs: u32,
        /// Concurrent clients, each sending its next query when answered (or on a timetable).
        #[arg(long, default_value_t = 64, value_name = "N")]
        clients: usize,
        /// Searches in all.
        #[arg(long, default_value_t = 50_000, value_name = "N")]
        requests: usize,
        /// Offer this many searches per second in all, on a fixed timetable; without it each
        /// client searches again as soon as it is answered.
        #[arg(long, value_name = "PER_SECOND")]
        rate: Option<f64>,
    },
    /// The enrollment rush: many families apply at once through `POST /api/v1/applications` of
    /// the real server (in this process, on a free local port) for more children than the
    /// groups have seats, then the same writes run as bare SQL transactions for as many other
    /// children and other groups; prints throughput and latencies of both and proves that no
    /// seat was oversold and the ledger balances. Loads the demo region first when needed;
    /// gives parents accounts and tokens, children funded certificates, and creates two
    /// certified paid programs through the use cases (not timed).
    Rush {
        /// Children in the demo region.
        #[arg(long, default_value_t = 100_000, value_name = "N")]
        children: u32,
        /// Applicants in each phase (HTTP, then bare SQL), each a different child.
        #[arg(long, default_value_t = 10_000, value_name = "N")]
        applicants: usize,
        /// Groups of each phase; applicant i applies to group i mod groups.
        #[arg(long, default_value_t = 40, value_name = "N")]
        groups: usize,
        /// Seats of each group.
        #[arg(long, default_value_t = 25, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=200))]
        seats: u32,
        /// Concurrent sessions, each applying for its share of the children one after another.
        #[arg(long, default_value_t = 256, value_name = "N")]
        sessions: usize,
        /// Offer this many applications per second in all, on a fixed timetable (latency then
        /// counts from each one's planned moment); without it every session applies again as
        /// soon as it is answered.
        #[arg(long, value_name = "PER_SECOND")]
        rate: Option<f64>,
        /// Seed of the demo generator when the demo is loaded [default: 69].
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// The back office's dashboard for a large municipality: loads the demo region scaled so
    /// that its capital (the city of Tver) has `--children` children and, when the database has
    /// no enrolled contracts yet, writes them in bulk and bills their months so far (not timed);
    /// then times a refresh of the figures (from nothing, and with nothing new), a look in the use
    /// case and the page over HTTP (the real router in this process) for the municipal operator
    /// and the regional centre, and each XLSX export.
    Dashboard {
        /// Children in the capital (the region gets about 2.7 times as many).
        #[arg(long, default_value_t = 200_000, value_name = "N")]
        children: u32,
        /// Enrolled contracts to write, one child and one funded certificate each.
        #[arg(long, default_value_t = 330_000, value_name = "N")]
        enrollments: u32,
        /// Looks at each dashboard, one after another.
        #[arg(long, default_value_t = 50, value_name = "N")]
        looks: usize,
        /// Seed of the demo generator when the demo is loaded [default: 69].
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// The registry of certificates of the whole region as XLSX, downloaded over HTTP by the
    /// regional centre (the real router in this process): issues funded certificates until the
    /// registry holds N (loading a large enough demo region first), then prints the time to the
    /// first byte and to the last, the file's size and rows, and the server's memory growth.
    Export {
        /// Certificates in the registry (the rows of the export).
        #[arg(long, default_value_t = 1_000_000, value_name = "N")]
        certificates: u32,
        /// Seed of the demo generator when the demo is loaded [default: 69].
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// The monthly billing run over many enrolled contracts: loads the demo region and, when the
    /// database has no enrolled contracts yet, writes that many in bulk (certificates, paid
    /// programs with full groups, contracts with their money held; not timed), checks them with
    /// `verify`, times `billing run` for a month in the middle of the contracts and verifies
    /// again.
    Billing {
        /// Children in the demo region (each child may have several contracts).
        #[arg(long, default_value_t = 200_000, value_name = "N")]
        children: u32,
        /// Enrolled contracts to bill.
        #[arg(long, default_value_t = 1_000_000, value_name = "N")]
        enrollments: u32,
        /// The month to bill, as 2026-11 [default: the current month, or the one before when the
        /// contracts end this month].
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// Contracts per transaction of the run.
        #[arg(long, default_value_t = dopcert_app::billing::RunOptions::default().batch, value_name = "N")]
        batch: i64,
        /// Batches written at once.
        #[arg(long, default_value_t = dopcert_app::billing::RunOptions::default().jobs, value_name = "N")]
        jobs: usize,
        /// Seed of the demo generator when the demo is loaded [default: 69].
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DemoArgs {
    /// Children in the demo region [default: 5000]; 200000 and 1000000 work for benchmarks.
    #[arg(long, value_name = "N")]
    pub children: Option<u32>,

    /// Seed of the generator: the same seed gives the same region [default: 69].
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Programs in the catalog [default: 300]; 100000 works for the search benchmark.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub programs: Option<u32>,

    #[command(subcommand)]
    pub action: Option<DemoAction>,
}

#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Print the demo logins and passwords, each with its role and what it is for.
    Accounts {
        /// Print a JSON list of objects with role, login, password, full_name, note.
        #[arg(long)]
        json: bool,
    },
}
