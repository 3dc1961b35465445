//! The authorization matrix: every route × every role → allowed or denied. The list of routes
//! comes from the router itself, so a route added without a decision here fails this test.

use dopcert_testkit::{location, TestApp, TestDb};
use dopcert_web::route_list;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in, in any role.
    SignedIn,
    /// Staff and admins of an organization.
    Staff,
    /// An organization's admin only.
    OrgAdmin,
    /// API callers with a bearer token, in any role.
    Bearer,
    /// The municipal operator and the regional admin.
    BackOffice,
    /// Parents and children (the cabinet's claim).
    Family,
    /// API callers who are staff of an organization.
    StaffBearer,
    /// The municipal operator only.
    Operator,
    /// The back office and auditors (who see, never change).
    BackOfficeOrAuditor,
    /// The regional admin only.
    Regional,
    /// Staff and admins of an organization, and the back office (a consultation's two sides).
    StaffOrBackOffice,
}
use Decision::*;

/// (method, route template, a concrete path to call, who may)
const MATRIX: &[(&str, &str, &str, Decision)] = &[
    ("GET", "/", "/", Public),
    ("GET", "/help", "/help", Public),
    ("GET", "/help/{page}", "/help/parents", Public),
    ("GET", "/catalog", "/catalog", Public),
    ("GET", "/catalog/{id}", "/catalog/no-such-program", Public),
    ("GET", "/catalog/{id}/enroll", "/catalog/no-such-program/enroll", Family),
    ("POST", "/catalog/{id}/enroll", "/catalog/no-such-program/enroll", Family),
    ("GET", "/catalog/groups/{id}/lottery", "/catalog/groups/no-such-group/lottery", Public),
    ("GET", "/applications", "/applications", Family),
    ("POST", "/api/v1/applications", "/api/v1/applications", Bearer),
    ("GET", "/api/v1/applications", "/api/v1/applications", Bearer),
    ("POST", "/api/v1/applications/{id}/withdraw", "/api/v1/applications/x/withdraw", Bearer),
    ("GET", "/applications/{id}/contract", "/applications/no-such-application/contract", Family),
    ("POST", "/applications/{id}/withdraw", "/applications/no-such-application/withdraw", Family),
    ("POST", "/applications/{id}/take", "/applications/no-such-application/take", Family),
    ("POST", "/applications/{id}/end", "/applications/no-such-application/end", Family),
    ("GET", "/programs/photos/{photo}", "/programs/photos/no-such-photo", Public),
    ("GET", "/org/programs", "/org/programs", Staff),
    ("GET", "/org/programs/new", "/org/programs/new", Staff),
    ("POST", "/org/programs/new", "/org/programs/new", Staff),
    ("GET", "/org/programs/{id}", "/org/programs/no-such-program", Staff),
    ("POST", "/org/programs/{id}", "/org/programs/no-such-program", Staff),
    ("POST", "/org/programs/{id}/modules", "/org/programs/no-such-program/modules", Staff),
    ("POST", "/org/programs/{id}/modules/{module}", "/org/programs/no-such-program/modules/x", Staff),
    (
        "POST",
        "/org/programs/{id}/modules/{module}/delete",
        "/org/programs/no-such-program/modules/x/delete",
        Staff,
    ),
    ("GET", "/org/programs/{id}/groups/new", "/org/programs/no-such-program/groups/new?module=x", Staff),
    ("POST", "/org/programs/{id}/groups", "/org/programs/no-such-program/groups", Staff),
    ("GET", "/org/programs/{id}/groups/{group}", "/org/programs/no-such-program/groups/x", Staff),
    ("POST", "/org/programs/{id}/groups/{group}", "/org/programs/no-such-program/groups/x", Staff),
    (
        "POST",
        "/org/programs/{id}/groups/{group}/delete",
        "/org/programs/no-such-program/groups/x/delete",
        Staff,
    ),
    ("POST", "/org/programs/{id}/photos", "/org/programs/no-such-program/photos", Staff),
    (
        "POST",
        "/org/programs/{id}/photos/{photo}/delete",
        "/org/programs/no-such-program/photos/x/delete",
        Staff,
    ),
    ("POST", "/org/programs/{id}/submit", "/org/programs/no-such-program/submit", Staff),
    ("GET", "/providers/apply", "/providers/apply", Public),
    ("POST", "/providers/apply", "/providers/apply", Public),
    ("GET", "/moc/providers", "/moc/providers", BackOffice),
    ("GET", "/moc/providers/{id}", "/moc/providers/no-such-provider", BackOfficeOrAuditor),
    ("POST", "/moc/providers/{id}/decide", "/moc/providers/no-such-provider/decide", Operator),
    ("GET", "/org/profile", "/org/profile", OrgAdmin),
    ("POST", "/org/profile", "/org/profile", OrgAdmin),
    ("GET", "/org/staff", "/org/staff", OrgAdmin),
    ("POST", "/org/staff/invitations", "/org/staff/invitations", OrgAdmin),
    ("POST", "/org/staff/requests/{id}", "/org/staff/requests/no-such-request", OrgAdmin),
    ("POST", "/org/staff/{account}/revoke", "/org/staff/no-such-account/revoke", OrgAdmin),
    ("GET", "/settings/join", "/settings/join", SignedIn),
    ("POST", "/settings/join", "/settings/join", SignedIn),
    ("GET", "/moc/programs", "/moc/programs", BackOffice),
    ("GET", "/moc/programs/{id}", "/moc/programs/no-such-program", BackOfficeOrAuditor),
    ("POST", "/moc/programs/{id}/review", "/moc/programs/no-such-program/review", BackOffice),
    ("GET", "/healthz", "/healthz", Public),
    ("GET", "/readyz", "/readyz", Public),
    ("GET", "/favicon.ico", "/favicon.ico", Public),
    // Public to this machine only (the tests' clients are on it); others need the metrics token.
    ("GET", "/metrics", "/metrics", Public),
    ("GET", "/static/{name}", "/static/app.css", Public),
    ("GET", "/accessibility", "/accessibility?mode=on&back=/catalog", Public),
    ("GET", "/language", "/language?set=en&back=/catalog", Public),
    ("GET", "/login", "/login", Public),
    ("POST", "/login", "/login", Public),
    ("POST", "/logout", "/logout", Public),
    ("GET", "/login/esia", "/login/esia", Public),
    ("GET", "/login/esia/callback", "/login/esia/callback?state=x&code=y", Public),
    ("GET", "/settings", "/settings", SignedIn),
    ("GET", "/settings/password", "/settings/password", SignedIn),
    ("POST", "/settings/password", "/settings/password", SignedIn),
    ("POST", "/settings/logout-everywhere", "/settings/logout-everywhere", SignedIn),
    ("POST", "/settings/role", "/settings/role", SignedIn),
    // 152-ФЗ access: everyone signed in downloads their own; no route names whose, so there is
    // nobody else's to ask for (crates/web/tests/personal_data.rs).
    ("GET", "/settings/personal-data", "/settings/personal-data", SignedIn),
    ("GET", "/settings/personal-data.json", "/settings/personal-data.json", SignedIn),
    ("POST", "/settings/notifications", "/settings/notifications", SignedIn),
    ("GET", "/notifications", "/notifications", SignedIn),
    ("GET", "/settings/certificate/{child}", "/settings/certificate/no-such-child", Family),
    ("POST", "/settings/certificate/{child}", "/settings/certificate/no-such-child", Family),
    ("GET", "/certificates/{number}", "/certificates/69-0000-0001-12", SignedIn),
    ("GET", "/certificates/{number}/statement.pdf", "/certificates/69-0000-0001-12/statement.pdf", SignedIn),
    ("POST", "/certificates/{number}/status", "/certificates/69-0000-0001-12/status", SignedIn),
    ("POST", "/certificates/{number}/disability", "/certificates/69-0000-0001-12/disability", SignedIn),
    (
        "GET",
        "/certificates/{number}/consents/{id}/scan",
        "/certificates/69-0000-0001-12/consents/x/scan",
        SignedIn,
    ),
    ("GET", "/org", "/org", Staff),
    ("GET", "/org/register", "/org/register", Staff),
    ("POST", "/org/register", "/org/register", Staff),
    ("GET", "/org/check", "/org/check", Staff),
    ("GET", "/org/applications", "/org/applications", Staff),
    ("POST", "/org/applications/{id}/decide", "/org/applications/no-such-application/decide", Staff),
    ("POST", "/org/applications/{id}/end", "/org/applications/no-such-application/end", Staff),
    ("GET", "/org/groups/{id}/attendance", "/org/groups/no-such-group/attendance", Staff),
    ("POST", "/org/groups/{id}/attendance", "/org/groups/no-such-group/attendance", Staff),
    ("GET", "/org/invoices", "/org/invoices", Staff),
    ("GET", "/invoices/{id}", "/invoices/no-such-invoice", SignedIn),
    ("GET", "/invoices/{id}/pdf", "/invoices/no-such-invoice/pdf", SignedIn),
    ("GET", "/invoices/{id}/xlsx", "/invoices/no-such-invoice/xlsx", SignedIn),
    ("POST", "/invoices/{id}/approve", "/invoices/no-such-invoice/approve", BackOffice),
    ("POST", "/invoices/{id}/reverse", "/invoices/no-such-invoice/reverse", BackOffice),
    ("GET", "/moc/billing", "/moc/billing", BackOffice),
    ("GET", "/audit", "/audit", BackOfficeOrAuditor),
    ("GET", "/moc/queues", "/moc/queues", BackOffice),
    ("GET", "/org/consultations", "/org/consultations", Staff),
    ("POST", "/org/consultations", "/org/consultations", Staff),
    ("GET", "/org/consultations/{id}", "/org/consultations/no-such-question", Staff),
    ("POST", "/org/consultations/{id}/reply", "/org/consultations/no-such-question/reply", Staff),
    ("POST", "/org/consultations/{id}/close", "/org/consultations/no-such-question/close", Staff),
    ("GET", "/moc/consultations", "/moc/consultations", BackOffice),
    ("GET", "/moc/consultations/{id}", "/moc/consultations/no-such-question", BackOffice),
    ("POST", "/moc/consultations/{id}/reply", "/moc/consultations/no-such-question/reply", Operator),
    ("POST", "/moc/consultations/{id}/close", "/moc/consultations/no-such-question/close", Operator),
    ("GET", "/consultations/files/{id}", "/consultations/files/no-such-file", StaffOrBackOffice),
    ("GET", "/moc/reports", "/moc/reports", BackOfficeOrAuditor),
    ("GET", "/moc/reports/certificates.xlsx", "/moc/reports/certificates.xlsx", BackOfficeOrAuditor),
    ("GET", "/moc/reports/files/{id}", "/moc/reports/files/no-such-report", BackOfficeOrAuditor),
    ("GET", "/moc/reports/programs.xlsx", "/moc/reports/programs.xlsx", BackOfficeOrAuditor),
    ("GET", "/moc/reports/enrollments.xlsx", "/moc/reports/enrollments.xlsx", BackOfficeOrAuditor),
    ("GET", "/moc/reports/money.xlsx", "/moc/reports/money.xlsx", BackOfficeOrAuditor),
    ("GET", "/moc/dashboard", "/moc/dashboard", BackOfficeOrAuditor),
    ("GET", "/moc/dashboard/{file}", "/moc/dashboard/coverage.xlsx", BackOfficeOrAuditor),
    ("POST", "/moc/billing/run", "/moc/billing/run", BackOffice),
    ("GET", "/moc/billing/orders", "/moc/billing/orders", BackOffice),
    ("POST", "/moc/billing/orders", "/moc/billing/orders", BackOffice),
    ("GET", "/moc", "/moc", BackOffice),
    ("GET", "/moc/periods", "/moc/periods", Operator),
    ("POST", "/moc/periods", "/moc/periods", Operator),
    ("GET", "/moc/periods/{id}", "/moc/periods/no-such-period", Operator),
    ("POST", "/moc/periods/{id}/nominals", "/moc/periods/no-such-period/nominals", Operator),
    ("POST", "/moc/periods/{id}/quota", "/moc/periods/no-such-period/quota", Operator),
    ("GET", "/moc/duplicates", "/moc/duplicates", BackOffice),
    ("POST", "/moc/duplicates/{id}", "/moc/duplicates/no-such-case", BackOffice),
    ("POST", "/moc/certification", "/moc/certification", Regional),
    ("GET", "/region/municipalities", "/region/municipalities", Regional),
    ("POST", "/region/municipalities", "/region/municipalities", Regional),
    ("GET", "/region/municipalities/{id}", "/region/municipalities/no-such-municipality", Regional),
    ("POST", "/region/municipalities/{id}", "/region/municipalities/no-such-municipality", Regional),
    (
        "POST",
        "/region/municipalities/{id}/operators",
        "/region/municipalities/no-such-municipality/operators",
        Regional,
    ),
    (
        "POST",
        "/region/municipalities/{id}/operators/{account}/password",
        "/region/municipalities/no-such-municipality/operators/x/password",
        Regional,
    ),
    (
        "POST",
        "/region/municipalities/{id}/operators/{account}/withdraw",
        "/region/municipalities/no-such-municipality/operators/x/withdraw",
        Regional,
    ),
    ("GET", "/region/rules", "/region/rules", Regional),
    ("POST", "/region/rules", "/region/rules", Regional),
    ("GET", "/region/mail", "/region/mail", Regional),
    ("POST", "/region/mail/{id}/retry", "/region/mail/no-such-mail/retry", Regional),
    ("GET", "/org/import", "/org/import", Staff),
    ("POST", "/org/import", "/org/import", Staff),
    ("POST", "/org/import/{batch}", "/org/import/no-such-batch", Staff),
    ("POST", "/org/pupils", "/org/pupils", Staff),
    ("GET", "/org/import/{batch}/progress", "/org/import/no-such-batch/progress", Staff),
    ("GET", "/org/logins", "/org/logins", Staff),
    ("POST", "/org/logins/class", "/org/logins/class", Staff),
    ("POST", "/org/logins/person/{id}", "/org/logins/person/no-such-person", Staff),
    ("GET", "/org/tokens", "/org/tokens", OrgAdmin),
    ("POST", "/org/tokens", "/org/tokens", OrgAdmin),
    ("POST", "/org/tokens/{id}/revoke", "/org/tokens/no-such-token/revoke", OrgAdmin),
    ("POST", "/api/v1/auth/token", "/api/v1/auth/token", Public),
    ("GET", "/api/v1/me", "/api/v1/me", Bearer),
    ("GET", "/api/v1/me/children", "/api/v1/me/children", Bearer),
    ("GET", "/api/v1/me/personal-data", "/api/v1/me/personal-data", Bearer),
    ("GET", "/api/v1/me/notifications", "/api/v1/me/notifications", Bearer),
    ("PUT", "/api/v1/me/notifications", "/api/v1/me/notifications", Bearer),
    ("GET", "/api/v1/me/notifications/inbox", "/api/v1/me/notifications/inbox", Bearer),
    ("POST", "/api/v1/certificates", "/api/v1/certificates", Bearer),
    ("GET", "/api/v1/certificates/{number}", "/api/v1/certificates/69-0000-0001-12", Bearer),
    ("GET", "/api/v1/certificates/{number}/check", "/api/v1/certificates/69-0000-0001-12/check", StaffBearer),
    ("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", Public),
];

/// Everyone who can come: nobody, and a demo login per role.
const WHO: &[(&str, Option<&str>)] = &[
    ("anonymous", None),
    ("parent", Some("ivanova")),
    ("child", Some("petrov.maksim")),
    ("organization_staff", Some("school")),
    ("organization_admin", Some("school.admin")),
    ("municipal_operator", Some("moc.tver")),
    ("regional_admin", Some("rmc")),
    ("auditor", Some("kontrol")),
];

fn expected(decision: Decision, who: &str) -> bool {
    match decision {
        Public => true,
        SignedIn | Bearer => who != "anonymous",
        Staff => who == "organization_staff" || who == "organization_admin",
        OrgAdmin => who == "organization_admin",
        BackOffice => who == "municipal_operator" || who == "regional_admin",
        Operator => who == "municipal_operator",
        BackOfficeOrAuditor => matches!(who, "municipal_operator" | "regional_admin" | "auditor"),
        Regional => who == "regional_admin",
        Family => who == "parent" || who == "child",
        StaffBearer => who == "organization_staff" || who == "organization_admin",
        StaffOrBackOffice => {
            matches!(
                who,
                "organization_staff" | "organization_admin" | "municipal_operator" | "regional_admin"
            )
        }
    }
}

#[test]
fn every_route_has_a_decision() {
    let routes = route_list();
    for r in &routes {
        assert!(
            MATRIX.iter().any(|(m, p, _, _)| *m == r.method && *p == r.path),
            "route {} {} has no decision in the authorization matrix (tests/authorization.rs)",
            r.method,
            r.path
        );
    }
    for (m, p, _, _) in MATRIX {
        assert!(
            routes.iter().any(|r| r.method == *m && r.path == *p),
            "the matrix lists {m} {p}, which is not a route"
        );
    }
}

async fn call(
    app: &TestApp,
    who: Option<&str>,
    method: &str,
    path: &str,
    decision: Decision,
) -> reqwest::Response {
    let c = app.client();
    if let Some(login) = who {
        if decision == Bearer || decision == StaffBearer {
            let body = serde_json::json!({"login": login, "password": "demo-tver-2026"});
            let token: serde_json::Value =
                c.post(app.at("/api/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
            let token = token["access_token"].as_str().unwrap().to_string();
            let empty = serde_json::json!({});
            if method == "POST" {
                return c.post(app.at(path)).bearer_auth(token).json(&empty).send().await.unwrap();
            }
            if method == "PUT" {
                return c.put(app.at(path)).bearer_auth(token).json(&empty).send().await.unwrap();
            }
            return c.get(app.at(path)).bearer_auth(token).send().await.unwrap();
        }
        assert_eq!(app.login(&c, login, "demo-tver-2026").await.status(), 303, "{login} logs in");
    }
    if method == "GET" {
        return c.get(app.at(path)).send().await.unwrap();
    }
    if method == "PUT" {
        return c.put(app.at(path)).json(&serde_json::json!({})).send().await.unwrap();
    }
    let page = if who.is_some() { "/settings" } else { "/login" };
    let csrf = app.csrf(&c, page).await;
    let multipart = ["/org/import", "/org/register", "/org/consultations"].contains(&path)
        || (path.contains("/consultations/") && path.ends_with("/reply"));
    if multipart || path.ends_with("/photos") {
        let form = reqwest::multipart::Form::new().text("note", "no file");
        return c.post(app.at(&format!("{path}?csrf={csrf}"))).multipart(form).send().await.unwrap();
    }
    if path.starts_with("/api/") {
        let body = serde_json::json!({"login": "ivanova", "password": "demo-tver-2026"});
        return c.post(app.at(path)).json(&body).send().await.unwrap();
    }
    c.post(app.at(path))
        .form(&[("csrf", csrf.as_str()), ("class", "нет такого"), ("role", "0")])
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_gets_exactly_what_the_matrix_says() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let mut wrong = Vec::new();
    for (method, template, path, decision) in MATRIX {
        for (who, login) in WHO {
            let res = call(&app, *login, method, path, *decision).await;
            let status = res.status().as_u16();
            assert!(status < 500, "{method} {template} as {who}: server error {status}");
            // Denied: 401, 403, or sent to log in first (`/login?next=…`).
            let denied = status == 401
                || status == 403
                || (status == 303 && location(&res).starts_with("/login?next="));
            if denied == expected(*decision, who) {
                wrong.push(format!(
                    "{method} {template} as {who}: status {status}, expected {}",
                    if expected(*decision, who) { "allowed" } else { "denied" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "authorization differs from the matrix:\n{}", wrong.join("\n"));
}

/// CSRF on every state-changing form: each POST route outside the API, as a signed-in operator
/// with a valid form token in the cookie, is refused (403, «Форма устарела») when the form does
/// not carry it, carries another one, or comes from another site.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_route_refuses_a_post_without_its_token() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = app.client();
    assert_eq!(app.login(&c, "moc.tver", "demo-tver-2026").await.status(), 303);
    let token = app.csrf(&c, "/settings").await;
    let mut checked = 0;
    for (method, template, path, _) in MATRIX {
        if *method != "POST" || template.starts_with("/api/") {
            continue;
        }
        let missing = c.post(app.at(path)).form(&[("role", "0")]).send().await.unwrap();
        let wrong = c.post(app.at(path)).form(&[("csrf", "0".repeat(64).as_str())]).send().await.unwrap();
        let cross = c
            .post(app.at(path))
            .header("sec-fetch-site", "cross-site")
            .form(&[("csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        let multipart = reqwest::multipart::Form::new().text("csrf", token.clone());
        let no_query = c.post(app.at(path)).multipart(multipart).send().await.unwrap();
        for (how, res) in
            [("missing", missing), ("wrong", wrong), ("cross-site", cross), ("multipart", no_query)]
        {
            assert_eq!(res.status(), 403, "POST {template}, token {how}");
            assert!(res.text().await.unwrap().contains("Форма устарела"), "POST {template}, token {how}");
        }
        checked += 1;
    }
    assert!(checked > 60, "every form route: {checked}");
}
