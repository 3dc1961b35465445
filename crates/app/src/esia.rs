//! «Войти через Госуслуги»: an OpenID Connect relying party (authorization code flow with PKCE,
//! state and nonce; the ID token's signature, issuer, audience, expiry and nonce checked by the
//! `openidconnect` crate), and what happens at the first login: the person is matched to the
//! register (SNILS, else name and birth date), an account is made or found, and the children
//! the provider lists are linked — found, created, or, on a near match, held for a person.
//!
//! The real ESIA speaks its own dialect (signed client secrets, its scopes and REST API for the
//! children); [`Esia`] is the seam where that goes. Tests run against a real OIDC provider.

use dopcert_domain::ids::{AccountId, PersonId};
use dopcert_domain::login;
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::time::instant;
use dopcert_store::{identity, person, AnyConnection, StoreError};
use jiff::civil::Date;
use jiff::SignedDuration;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
    UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::OnceCell;

use crate::audit::{self, Change};
use crate::auth::{open_session, NewSession};
use crate::identify::{self, Found};
use crate::App;

const PROVIDER: &str = "esia";
/// A login must come back from the provider within this time.
const LOGIN_TTL: SignedDuration = SignedDuration::from_mins(10);

#[derive(Debug, Clone)]
pub struct EsiaConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// dopcert's callback, e.g. `https://dop.example.ru/login/esia/callback`.
    pub redirect_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EsiaError {
    #[error("вход через Госуслуги не настроен")]
    NotConfigured,
    #[error("Госуслуги сейчас недоступны: попробуйте позже или войдите по логину")]
    Unavailable(String),
    #[error("вход через Госуслуги не завершён: начните заново")]
    Rejected(String),
    #[error("Госуслуги не передали ФИО: вход невозможен")]
    NoName,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The children claim: what the provider knows of the person's children.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ClaimedChild {
    family_name: String,
    given_name: String,
    #[serde(default)]
    middle_name: Option<String>,
    birthdate: String,
    #[serde(default)]
    snils: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct EsiaClaims {
    #[serde(default)]
    snils: Option<String>,
    #[serde(default)]
    children: Vec<ClaimedChild>,
}

impl AdditionalClaims for EsiaClaims {}

/// A person as the provider describes them.
#[derive(Debug, Clone)]
pub struct ExternalPerson {
    pub subject: String,
    pub name: FullName,
    pub birth_date: Option<Date>,
    pub snils: Option<Snils>,
    pub children: Vec<ExternalChild>,
}

#[derive(Debug, Clone)]
pub struct ExternalChild {
    pub name: FullName,
    pub birth_date: Date,
    pub snils: Option<Snils>,
}

pub struct Esia {
    config: EsiaConfig,
    metadata: OnceCell<CoreProviderMetadata>,
    http: openidconnect::reqwest::Client,
}

impl Esia {
    pub fn new(config: EsiaConfig) -> Self {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // No redirects from the provider's endpoints (the crate's advice against SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .expect("HTTP client");
        Esia { config, metadata: OnceCell::new(), http }
    }

    /// The provider's metadata, discovered once and kept; a failed discovery is retried next time.
    async fn metadata(&self) -> Result<&CoreProviderMetadata, EsiaError> {
        self.metadata
            .get_or_try_init(|| async {
                let issuer = IssuerUrl::new(self.config.issuer.clone())
                    .map_err(|e| EsiaError::Unavailable(e.to_string()))?;
                CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|e| EsiaError::Unavailable(e.to_string()))
            })
            .await
    }

    async fn client(
        &self,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        EsiaError,
    > {
        let metadata = self.metadata().await?.clone();
        let redirect = RedirectUrl::new(self.config.redirect_url.clone())
            .map_err(|e| EsiaError::Unavailable(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

/// Starts a login: where to send the browser. `next` is where to land afterwards.
pub async fn start(app: &App, next: &str) -> Result<String, EsiaError> {
    let esia = app.esia.as_ref().ok_or(EsiaError::NotConfigured)?;
    let client = esia.client().await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("snils".into()))
        .add_scope(Scope::new("children".into()))
        .set_pkce_challenge(challenge)
        .url();
    let mut tx = app.store.begin().await?;
    let pending = identity::PendingLogin {
        state: state.secret(),
        nonce: nonce.secret(),
        pkce_verifier: verifier.secret(),
        next,
    };
    identity::begin_login(&mut tx, &pending, &instant(app.clock.now())).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(url.to_string())
}

/// What the callback brings: the code and state, or the provider's error.
pub struct Callback<'a> {
    pub state: &'a str,
    pub code: Option<&'a str>,
    pub error: Option<&'a str>,
    pub user_agent: &'a str,
}

/// Finishes a login: checks everything, finds or makes the account, opens a session.
/// Returns the session and where to go next.
pub async fn finish(app: &App, cb: &Callback<'_>) -> Result<(NewSession, String), EsiaError> {
    let esia = app.esia.as_ref().ok_or(EsiaError::NotConfigured)?;
    let now = app.clock.now();
    let pending = {
        let mut tx = app.store.begin().await?;
        let p = identity::take_login(&mut tx, cb.state, &instant(now - LOGIN_TTL)).await?;
        tx.commit().await.map_err(StoreError::from)?;
        p
    };
    let (nonce, verifier, next) =
        pending.ok_or_else(|| EsiaError::Rejected("unknown or expired state".into()))?;
    if let Some(e) = cb.error {
        return Err(EsiaError::Rejected(format!("provider said {e}")));
    }
    let code = cb.code.ok_or_else(|| EsiaError::Rejected("no code".into()))?;
    let person = fetch_person(esia, code, &nonce, &verifier).await?;
    let account = link_person(app, &person).await?;
    let session = open_session(app, &account, false, cb.user_agent, PROVIDER).await?;
    tracing::info!(account = %account, "login through the identity provider");
    Ok((session, next))
}

async fn fetch_person(
    esia: &Esia,
    code: &str,
    nonce: &str,
    verifier: &str,
) -> Result<ExternalPerson, EsiaError> {
    let client = esia.client().await?;
    let reject = |e: String| EsiaError::Rejected(e);
    let token = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| reject(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string()))
        .request_async(&esia.http)
        .await
        .map_err(|e| reject(format!("token request: {e}")))?;
    let id_token = token.id_token().ok_or_else(|| reject("no ID token".into()))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_string()))
        .map_err(|e| reject(format!("ID token: {e}")))?;
    let subject = claims.subject().clone();
    let info: UserInfoClaims<EsiaClaims, CoreGenderClaim> = client
        .user_info(token.access_token().clone(), Some(subject.clone()))
        .map_err(|e| reject(e.to_string()))?
        .request_async(&esia.http)
        .await
        .map_err(|e| reject(format!("userinfo: {e}")))?;
    let family = info.family_name().and_then(|l| l.get(None)).map(|n| n.to_string());
    let given = info.given_name().and_then(|l| l.get(None)).map(|n| n.to_string());
    let middle = info.middle_name().and_then(|l| l.get(None)).map(|n| n.to_string());
    let name = match (family, given) {
        (Some(f), Some(g)) => FullName::new(&f, &g, middle.as_deref()).map_err(|_| EsiaError::NoName)?,
        _ => return Err(EsiaError::NoName),
    };
    let birth_date = info.birthdate().and_then(|b| b.as_str().parse::<Date>().ok());
    let extra = info.additional_claims();
    let snils = extra.snils.as_deref().and_then(|s| Snils::parse(s).ok());
    let children = extra
        .children
        .iter()
        .filter_map(|c| {
            let name = FullName::new(&c.family_name, &c.given_name, c.middle_name.as_deref()).ok()?;
            let birth_date = c.birthdate.parse::<Date>().ok()?;
            Some(ExternalChild {
                name,
                birth_date,
                snils: c.snils.as_deref().and_then(|s| Snils::parse(s).ok()),
            })
        })
        .collect();
    Ok(ExternalPerson { subject: subject.to_string(), name, birth_date, snils, children })
}

/// R02 for a person the provider describes: by SNILS, else a single match by name and birth
/// date; `Err(existing)` for a near match (same name and birth date, another SNILS).
async fn find(
    conn: &mut AnyConnection,
    name: &FullName,
    birth: Option<Date>,
    snils: Option<&Snils>,
) -> Result<Result<Option<PersonId>, PersonId>, StoreError> {
    if let Some(s) = snils {
        if let Some(p) = person::by_snils(conn, s).await? {
            return Ok(Ok(Some(p.id)));
        }
    }
    let Some(birth) = birth else { return Ok(Ok(None)) };
    let same = person::by_name_and_birth(conn, name, BirthDate::from_stored(birth)).await?;
    Ok(match same.as_slice() {
        [] => Ok(None),
        [p] if p.snils.is_some() && snils.is_some() => Err(p.id.clone()),
        [p] => Ok(Some(p.id.clone())),
        [p, ..] => Err(p.id.clone()),
    })
}

async fn new_person(
    conn: &mut AnyConnection,
    name: &FullName,
    birth: Option<Date>,
    snils: Option<&Snils>,
    now: &str,
) -> Result<PersonId, StoreError> {
    person::insert(
        conn,
        &person::NewPerson {
            name,
            birth_date: birth.map(BirthDate::from_stored),
            snils,
            municipality_id: None,
            phone: None,
            email: None,
        },
        now,
    )
    .await
}

/// The account for the external person, in one transaction: the identity's account when known;
/// else the account of the same person (a school login and Госуслуги end up as one account);
/// else a new account. Then the children the provider lists are linked.
async fn link_person(app: &App, p: &ExternalPerson) -> Result<AccountId, EsiaError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let mut linked = Linked::default();
    let account = match identity::account_of(&mut tx, PROVIDER, &p.subject).await? {
        Some(a) => a,
        None => {
            let person_id = match find(&mut tx, &p.name, p.birth_date, p.snils.as_ref()).await? {
                Ok(Some(id)) => id,
                // A near match of an adult: a new person; staff will see both in the register.
                Ok(None) | Err(_) => match registered_guardian(&mut tx, p).await? {
                    Some(id) => id,
                    None => new_person(&mut tx, &p.name, p.birth_date, p.snils.as_ref(), &now).await?,
                },
            };
            let account = match account::by_person(&mut tx, &person_id).await? {
                Some(a) => a.id,
                None => create_account(&mut tx, &person_id, &p.name, &now).await?,
            };
            identity::link(&mut tx, PROVIDER, &p.subject, &account, &now).await?;
            linked.identity = true;
            account
        }
    };
    let me = account::get(&mut tx, &account).await?.person_id;
    if !p.children.is_empty() {
        account::grant(&mut tx, &account, &RoleGrant::personal(Role::Parent), &now).await?;
    }
    link_children(&mut tx, &me, p, &mut linked, &now).await?;
    if linked.identity || linked.children + linked.held > 0 {
        record_link(&mut tx, &account, &me, &linked, &now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(account)
}

/// What a login through the provider changed.
#[derive(Default)]
struct Linked {
    /// The provider's identity was linked to the account now.
    identity: bool,
    /// Children linked to the person now, and children held for a near match.
    children: u32,
    held: u32,
}

/// Links the children the provider lists: found, created, or held for a person (R02).
async fn link_children(
    conn: &mut AnyConnection,
    me: &PersonId,
    p: &ExternalPerson,
    linked: &mut Linked,
    now: &str,
) -> Result<(), StoreError> {
    let mine = person::children_of(conn, me).await?;
    for child in &p.children {
        // Linked at an earlier login (known, or held on review): nothing to do.
        let birth = Some(BirthDate::from_stored(child.birth_date));
        if mine.iter().any(|c| c.name.match_key() == child.name.match_key() && c.birth_date == birth) {
            continue;
        }
        let described = identify::Described {
            name: &child.name,
            birth: BirthDate::from_stored(child.birth_date),
            snils: child.snils.as_ref(),
        };
        match identify::find(conn, &described).await? {
            Found::Known(id) => person::link_guardian(conn, me, &id, now).await?,
            Found::Unknown => {
                let id =
                    new_person(conn, &child.name, Some(child.birth_date), child.snils.as_ref(), now).await?;
                person::link_guardian(conn, me, &id, now).await?;
            }
            Found::Near(existing) => {
                let hold = identify::Hold {
                    existing: &existing,
                    parent: Some(me),
                    municipality: None,
                    source: PROVIDER,
                };
                identify::hold(conn, &described, &hold, now).await?;
                linked.held += 1;
                continue;
            }
        }
        linked.children += 1;
    }
    Ok(())
}

/// The audit record of what the login changed, by the person who logged in (no SNILS, no birth
/// dates: counts only).
async fn record_link(
    conn: &mut AnyConnection,
    account: &AccountId,
    me: &PersonId,
    linked: &Linked,
    now: &str,
) -> Result<(), StoreError> {
    let actor = crate::auth::actor_in(conn, account).await?;
    let mut after = json!({"children_linked": linked.children, "children_held": linked.held});
    if linked.identity {
        after["esia"] = "привязан".into();
    }
    let change =
        Change::new("account.link_esia", "account", account.as_str()).person(me.as_str()).after(after);
    audit::record(conn, actor.as_ref(), &change, now).await
}

/// The parent an organization registered with one of the listed children (variant 4: name and
/// a phone, no SNILS, no account yet): the same person logging in now, so they become one.
async fn registered_guardian(
    conn: &mut AnyConnection,
    p: &ExternalPerson,
) -> Result<Option<PersonId>, StoreError> {
    let key = p.name.match_key();
    for child in &p.children {
        let described = identify::Described {
            name: &child.name,
            birth: BirthDate::from_stored(child.birth_date),
            snils: child.snils.as_ref(),
        };
        let Found::Known(child_id) = identify::find(conn, &described).await? else { continue };
        for parent in person::parents_of(conn, &child_id).await? {
            if parent.name.match_key() == key
                && parent.snils.is_none()
                && account::by_person(conn, &parent.id).await?.is_none()
            {
                if let Some(snils) = &p.snils {
                    person::set_snils(conn, &parent.id, snils).await?;
                }
                return Ok(Some(parent.id));
            }
        }
    }
    Ok(None)
}

async fn create_account(
    conn: &mut AnyConnection,
    person: &PersonId,
    name: &FullName,
    now: &str,
) -> Result<AccountId, StoreError> {
    for attempt in 0.. {
        if let Some(id) = account::insert_if_free(conn, person, &login::candidate(name, attempt), now).await?
        {
            account::grant(conn, &id, &RoleGrant::personal(Role::Parent), now).await?;
            return Ok(id);
        }
    }
    unreachable!("an endless range of candidates")
}
