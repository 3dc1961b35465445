//! Ways in: a login with the person's password or with a one-time password from the school,
//! server-side sessions, the role switch, and bearer tokens for the API.
//!
//! Failed logins are counted per login and per address in the database (so every app server
//! sees them) and lock for a while past a limit. The answer never tells whether a login exists:
//! an unknown login costs the same argon2 work and gets the same message.

use std::sync::LazyLock;

use dopcert_domain::ids::{AccountId, PersonId};
use dopcert_domain::password::{self as policy, PasswordRuleError};
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::time::{instant, parse_instant};
use dopcert_store::{api_token, one_time_password, session, throttle, AnyConnection, StoreError};
use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, Change};
use crate::{password, App};

/// Idle sessions end after an hour; any session ends after twelve.
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_mins(60);
pub const SESSION_MAX: SignedDuration = SignedDuration::from_hours(12);
/// A session's last use is written at most this often.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);
/// Tokens from `POST /api/v1/auth/token` live an hour.
pub const API_TOKEN_TTL: SignedDuration = SignedDuration::from_hours(1);
/// One-time passwords printed on slips live 30 days.
pub const ONE_TIME_PASSWORD_TTL: SignedDuration = SignedDuration::from_hours(24 * 30);

const LOCK: SignedDuration = SignedDuration::from_mins(15);
const WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// Failures within the window that lock a login, and an address (a school's shared IP sees
/// many people mistyping, so its limit is higher).
const MAX_PER_LOGIN: i64 = 5;
const MAX_PER_ADDRESS: i64 = 30;

/// The person acting, as the use cases see them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub account_id: AccountId,
    pub person_id: PersonId,
    pub login: String,
    pub name: FullName,
    /// Every role of the account; never empty.
    pub roles: Vec<RoleGrant>,
    /// The role chosen with the role switch.
    pub active: usize,
    /// Came in with a one-time password: must choose a password before anything else.
    pub must_set_password: bool,
    /// The session's CSRF token (empty for API tokens, which carry no cookies).
    pub csrf_token: String,
    /// Came in through Госуслуги (a consent given now records that channel).
    pub via_esia: bool,
    /// The client's address, as the web layer saw it (for the audit log).
    pub address: Option<String>,
    session: Option<String>,
}

impl Actor {
    pub fn role(&self) -> &RoleGrant {
        &self.roles[self.active]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("неверный логин или пароль")]
    Invalid,
    #[error("слишком много неудачных попыток входа: попробуйте снова через {minutes} мин.")]
    Throttled { minutes: i64 },
    #[error("сначала войдите на сайте и задайте свой пароль вместо одноразового")]
    PasswordChangeRequired,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum SetPasswordError {
    #[error("текущий пароль введён неверно")]
    WrongCurrent,
    #[error("пароли не совпадают")]
    Mismatch,
    #[error("{0}")]
    Rule(#[from] PasswordRuleError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct LoginInput<'a> {
    pub login: &'a str,
    pub password: &'a str,
    /// The client's address, for throttling.
    pub address: &'a str,
    pub user_agent: &'a str,
}

/// A new session: the token goes into a cookie and is never stored.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub must_set_password: bool,
    pub max_age: SignedDuration,
    /// Where the person's first role lives: their home page after login.
    pub home: &'static str,
}

/// Each role has one home page after login.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::OrganizationStaff | Role::OrganizationAdmin => "/org",
        Role::MunicipalOperator | Role::RegionalAdmin => "/moc",
        // Parents and pupils live in «Персональные настройки»; the back offices of the
        // municipal and regional centres come with their own pages.
        _ => "/settings",
    }
}

/// 32 random bytes, hex: for session, API and CSRF tokens.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// An argon2 hash of nothing in particular: verifying against it makes an unknown login cost
/// what a known one costs.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| password::hash("no such account, no such password"));

async fn verify_password(candidate: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => password::verify(&candidate, &h),
        None => {
            password::verify(&candidate, &DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false)
}

fn throttle_keys(login: &str, address: &str) -> [String; 2] {
    let login: String = login.trim().to_lowercase().chars().take(64).collect();
    [format!("login:{login}"), format!("address:{address}")]
}

fn minutes_until(until: &str, now: Timestamp) -> i64 {
    parse_instant(until).map(|u| (u.duration_since(now).as_secs() + 59) / 60).unwrap_or(15).max(1)
}

enum Verified {
    Password(account::Account),
    OneTimePassword(account::Account),
}

/// Checks a login and password (or one-time password), counting failures. Shared by the page
/// and the API.
async fn verify(app: &App, input: &LoginInput<'_>) -> Result<Verified, LoginError> {
    let now = app.clock.now();
    let now_s = instant(now);
    let keys = throttle_keys(input.login, input.address);
    let found = {
        let mut conn = app.store.reader().await?;
        for key in &keys {
            if let Some(until) = throttle::locked_until(&mut conn, key, &now_s).await? {
                return Err(LoginError::Throttled { minutes: minutes_until(&until, now) });
            }
        }
        account::by_login(&mut conn, input.login).await?
    };
    let account = found.filter(|a| a.active);
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let password_ok = verify_password(input.password.to_string(), hash).await;

    let mut tx = app.store.begin().await?;
    let verified = match account {
        Some(a) if password_ok => Some(Verified::Password(a)),
        Some(a) => {
            let code = token_hash(&normalize_code(input.password));
            let used = one_time_password::consume(&mut tx, &a.id, &code, &now_s).await?;
            used.then_some(Verified::OneTimePassword(a))
        }
        None => None,
    };
    match verified {
        Some(v) => {
            throttle::clear(&mut tx, &keys[0]).await?;
            tx.commit().await.map_err(StoreError::from)?;
            Ok(v)
        }
        None => {
            let window_start = instant(now - WINDOW);
            let lock_until = instant(now + LOCK);
            let mut locked = None;
            for (key, max) in keys.iter().zip([MAX_PER_LOGIN, MAX_PER_ADDRESS]) {
                let limit = throttle::Limit {
                    window_start: &window_start,
                    max_failures: max,
                    lock_until: &lock_until,
                };
                locked = locked.or(throttle::record_failure(&mut tx, key, &now_s, &limit).await?);
            }
            tx.commit().await.map_err(StoreError::from)?;
            match locked {
                Some(until) => Err(LoginError::Throttled { minutes: minutes_until(&until, now) }),
                None => Err(LoginError::Invalid),
            }
        }
    }
}

/// Logs in on the site: a new session (never reusing an old token: no fixation).
pub async fn login(app: &App, input: &LoginInput<'_>) -> Result<NewSession, LoginError> {
    let (account, must_set_password) = match verify(app, input).await? {
        Verified::Password(a) => (a, false),
        Verified::OneTimePassword(a) => (a, true),
    };
    let session = open_session(app, &account.id, must_set_password, input.user_agent, "password").await?;
    tracing::info!(account = %account.id, one_time = must_set_password, "login");
    Ok(session)
}

/// A new session for an account whose person has proved who they are.
pub(crate) async fn open_session(
    app: &App,
    account: &AccountId,
    must_set_password: bool,
    user_agent: &str,
    via: &str,
) -> Result<NewSession, StoreError> {
    let now = app.clock.now();
    let token = random_token();
    let csrf_token = random_token();
    let ua: String = user_agent.chars().take(200).collect();
    let home = {
        let mut conn = app.store.reader().await?;
        account::roles(&mut conn, account).await?.first().map_or("/settings", |g| home_of(g.role))
    };
    let mut tx = app.store.begin().await?;
    session::insert(
        &mut tx,
        &session::NewSession {
            token_hash: &token_hash(&token),
            account_id: account,
            must_set_password,
            csrf_token: &csrf_token,
            user_agent: &ua,
            now: &instant(now),
            expires_at: &instant(now + SESSION_MAX),
            via,
        },
    )
    .await?;
    account::signed_in(&mut tx, account, &instant(now)).await?;
    tx.commit().await?;
    Ok(NewSession { token, csrf_token, must_set_password, max_age: SESSION_MAX, home })
}

/// The person behind a session cookie, if the session is live.
pub async fn session_actor(app: &App, token: &str) -> Result<Option<Actor>, StoreError> {
    let now = app.clock.now();
    let hash = token_hash(token);
    let row = {
        let mut conn = app.store.reader().await?;
        session::get_live(&mut conn, &hash, &instant(now), &instant(now - SESSION_IDLE)).await?
    };
    let Some(row) = row else { return Ok(None) };
    if parse_instant(&row.last_seen_at)? < now - TOUCH_EVERY {
        let mut tx = app.store.begin().await?;
        session::touch(&mut tx, &hash, &instant(now), &instant(now - TOUCH_EVERY)).await?;
        tx.commit().await?;
    }
    let account = AccountId::from_string(row.account_id);
    let mut actor = match load_actor(app, &account).await? {
        Some(a) => a,
        None => return Ok(None),
    };
    actor.active = usize::try_from(row.active_role).unwrap_or(0).min(actor.roles.len() - 1);
    actor.must_set_password = row.must_set_password == 1;
    actor.csrf_token = row.csrf_token;
    actor.via_esia = row.via == "esia";
    actor.session = Some(hash);
    Ok(Some(actor))
}

async fn load_actor(app: &App, id: &AccountId) -> Result<Option<Actor>, StoreError> {
    let mut conn = app.store.reader().await?;
    actor_in(&mut conn, id).await
}

/// The account's actor as `conn` sees it (inside a transaction: an account made in it), with
/// its first role and no session; `None` when it is blocked or has no role.
pub(crate) async fn actor_in(conn: &mut AnyConnection, id: &AccountId) -> Result<Option<Actor>, StoreError> {
    let (account, name) = account::get_named(conn, id).await?;
    let roles = account::roles(conn, id).await?;
    if !account.active || roles.is_empty() {
        return Ok(None);
    }
    Ok(Some(Actor {
        account_id: account.id,
        person_id: account.person_id,
        login: account.login,
        name,
        roles,
        active: 0,
        must_set_password: false,
        csrf_token: String::new(),
        via_esia: false,
        address: None,
        session: None,
    }))
}

/// Ends this session.
pub async fn logout(app: &App, token: &str) -> Result<(), StoreError> {
    let mut tx = app.store.begin().await?;
    session::delete(&mut tx, &token_hash(token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the person, this one included.
pub async fn logout_everywhere(app: &App, actor: &Actor) -> Result<u64, StoreError> {
    let mut tx = app.store.begin().await?;
    let n = session::delete_for_account(&mut tx, &actor.account_id, None).await?;
    let change = own_change("account.logout_everywhere", actor).after(json!({"sessions_ended": n}));
    audit::record(&mut tx, Some(actor), &change, &instant(app.clock.now())).await?;
    tx.commit().await?;
    Ok(n)
}

/// A change of the actor's own account.
fn own_change<'a>(action: &'a str, actor: &'a Actor) -> Change<'a> {
    Change::new(action, "account", actor.account_id.as_str()).person(actor.person_id.as_str())
}

#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub user_agent: String,
    pub started: Timestamp,
    pub last_seen: Timestamp,
    pub current: bool,
}

pub async fn sessions(app: &App, actor: &Actor) -> Result<Vec<SessionInfo>, StoreError> {
    let mut conn = app.store.reader().await?;
    let now = app.clock.now();
    let rows =
        session::list_for_account(&mut conn, &actor.account_id, &instant(now), &instant(now - SESSION_IDLE))
            .await?;
    rows.into_iter()
        .map(|r| {
            Ok(SessionInfo {
                current: actor.session.as_deref() == Some(r.token_hash.as_str()),
                user_agent: r.user_agent,
                started: parse_instant(&r.created_at)?,
                last_seen: parse_instant(&r.last_seen_at)?,
            })
        })
        .collect()
}

/// Sets the person's own password. Who came in with a one-time password sets it without the
/// current one; anyone else confirms the current password. Other sessions end.
pub async fn set_password(
    app: &App,
    actor: &Actor,
    current: Option<&str>,
    new: &str,
    repeat: &str,
) -> Result<(), SetPasswordError> {
    if !actor.must_set_password {
        let hash = {
            let mut conn = app.store.reader().await?;
            account::get(&mut conn, &actor.account_id).await?.password_hash
        };
        if !verify_password(current.unwrap_or_default().to_string(), hash).await {
            return Err(SetPasswordError::WrongCurrent);
        }
    }
    policy::check(new, &actor.login)?;
    if new != repeat {
        return Err(SetPasswordError::Mismatch);
    }
    let new = new.to_string();
    let hash = tokio::task::spawn_blocking(move || password::hash(&new)).await.expect("hashing");
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    account::set_password(&mut tx, &actor.account_id, &hash, &now).await?;
    one_time_password::delete(&mut tx, &actor.account_id).await?;
    if let Some(s) = &actor.session {
        session::password_set(&mut tx, s).await?;
    }
    let ended = session::delete_for_account(&mut tx, &actor.account_id, actor.session.as_deref()).await?;
    // That it changed, never the password or its hash.
    let change = own_change("account.set_password", actor)
        .after(json!({"password": "изменён", "other_sessions_ended": ended}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(account = %actor.account_id, "password set");
    Ok(())
}

/// Whether the account has «Войти через Госуслуги» linked.
pub async fn has_esia(app: &App, actor: &Actor) -> Result<bool, StoreError> {
    let mut conn = app.store.reader().await?;
    Ok(!dopcert_store::identity::providers_of(&mut conn, &actor.account_id).await?.is_empty())
}

/// Works on in another of the account's roles.
pub async fn switch_role(app: &App, actor: &Actor, index: usize) -> Result<bool, StoreError> {
    let Some(s) = &actor.session else { return Ok(false) };
    if index >= actor.roles.len() {
        return Ok(false);
    }
    let mut tx = app.store.begin().await?;
    session::set_active_role(&mut tx, s, index as i64).await?;
    let change = own_change("account.switch_role", actor)
        .before(json!({"role": actor.role().role.code()}))
        .after(json!({"role": actor.roles[index].role.code()}));
    audit::record(&mut tx, Some(actor), &change, &instant(app.clock.now())).await?;
    tx.commit().await?;
    Ok(true)
}

/// A bearer token for the API from a login and password.
pub async fn api_token(app: &App, input: &LoginInput<'_>) -> Result<(String, SignedDuration), LoginError> {
    let account = match verify(app, input).await? {
        Verified::Password(a) => a,
        Verified::OneTimePassword(_) => return Err(LoginError::PasswordChangeRequired),
    };
    let now = app.clock.now();
    let token = random_token();
    let mut tx = app.store.begin().await?;
    api_token::insert(
        &mut tx,
        &api_token::NewToken {
            token_hash: &token_hash(&token),
            account_id: &account.id,
            kind: "login",
            name: "вход через API",
            now: &instant(now),
            expires_at: Some(&instant(now + API_TOKEN_TTL)),
            organization_id: None,
        },
    )
    .await?;
    account::signed_in(&mut tx, &account.id, &instant(now)).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((token, API_TOKEN_TTL))
}

/// The person behind a bearer token, if the token is live. A token of an organization's
/// system acts as that organization's staff, whatever else its issuer may do.
pub async fn token_actor(app: &App, token: &str) -> Result<Option<Actor>, StoreError> {
    let found = {
        let mut conn = app.store.reader().await?;
        api_token::account_of(&mut conn, &token_hash(token), &instant(app.clock.now())).await?
    };
    let Some((id, organization)) = found else { return Ok(None) };
    let Some(mut actor) = load_actor(app, &id).await? else { return Ok(None) };
    if let Some(org) = organization {
        actor.roles = vec![RoleGrant::in_organization(Role::OrganizationStaff, org)];
        actor.active = 0;
    }
    Ok(Some(actor))
}

/// Issues (or reissues) an account's one-time password; returns it, to be printed once.
/// Authorization is the caller's: staff may do it only for people of their organization.
pub async fn issue_one_time_password(
    app: &App,
    account: &AccountId,
    issued_by: Option<&AccountId>,
) -> Result<String, StoreError> {
    let now = app.clock.now();
    let mut tx = app.store.begin().await?;
    let code = replace_one_time_password(&mut tx, account, issued_by, now).await?;
    // No actor here (a command or a test): the record is the system's.
    let change =
        Change::new("login.issue", "account", account.as_str()).after(json!({"one_time_password": "выдан"}));
    audit::record(&mut tx, None, &change, &instant(now)).await?;
    tx.commit().await?;
    Ok(code)
}

/// The same inside the caller's transaction (issuing a whole class at once).
pub async fn replace_one_time_password(
    conn: &mut dopcert_store::AnyConnection,
    account: &AccountId,
    issued_by: Option<&AccountId>,
    now: Timestamp,
) -> Result<String, StoreError> {
    let code = one_time_password_text();
    // A password given in place of one the account had: its person hears of it (never the code).
    if dopcert_store::notification::has_password(conn, account.as_str()).await? {
        crate::notification::password_reissued(conn, account.as_str(), &instant(now)).await?;
    }
    one_time_password::replace(
        conn,
        account,
        &token_hash(&normalize_code(&code)),
        issued_by,
        &instant(now),
        &instant(now + ONE_TIME_PASSWORD_TTL),
    )
    .await?;
    Ok(code)
}

/// One-time passwords are compared without case, spaces and dashes: people retype them from paper.
pub fn normalize_code(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-')).flat_map(char::to_lowercase).collect()
}

/// A code to hand over on paper or by phone (an invitation): as a one-time password.
pub fn random_code() -> String {
    one_time_password_text()
}

/// Ten characters a person can read off paper and type on a phone: no 0/O, 1/l/I look-alikes.
fn one_time_password_text() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let chars: String = (0..10).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}
