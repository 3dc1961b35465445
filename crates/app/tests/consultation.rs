//! Consultations, on both databases: an organization asks, its municipality's operator answers,
//! either side closes; nobody else sees the thread; bad questions are refused whole; every
//! change is in the audit log.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::consultation::{self, AskInput, ConsultationError, Upload};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use dopcert_store::{municipality, region, Store};
use dopcert_testkit::both_databases;

const MORNING: &str = "2026-11-25T09:00:00Z";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

/// The Tver operator moved to Rzhev: an operator of another municipality.
async fn operator_elsewhere(app: &App) -> Actor {
    let mut a = actor(app, "moc.tver").await;
    let mut conn = app.store.reader().await.unwrap();
    let r = region::first(&mut conn).await.unwrap().unwrap();
    let rzhev = municipality::by_code(&mut conn, &r.id, "rzhev").await.unwrap().unwrap();
    let active = a.active;
    a.roles[active].municipality_id = Some(rzhev.id);
    a
}

fn question(files: Vec<Upload>) -> AskInput {
    AskInput {
        topic: "Как подать заявку в реестр".into(),
        text: "Какие документы нужны для сертификации программы?".into(),
        files,
    }
}

fn pdf(name: &str) -> Upload {
    Upload { file_name: name.into(), bytes: PDF.to_vec() }
}

fn fields(e: ConsultationError) -> Vec<&'static str> {
    match e {
        ConsultationError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        e => panic!("{e:?}"),
    }
}

async fn status(app: &App, who: &Actor, id: &str) -> String {
    consultation::thread(app, who, id).await.unwrap().consultation.status
}

/// (action, after) of the audit records about a consultation, in order.
async fn audit_of(app: &App, id: &str) -> Vec<(String, String)> {
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_as("SELECT action, after_json FROM audit_record WHERE object_id = $1 ORDER BY at")
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .unwrap()
}

both_databases! {
    async fn an_organization_asks_the_operator_answers_and_either_closes(db) {
        let app = demo_app(&db.store).await;
        let org = actor(&app, "dtdm").await;
        let operator = actor(&app, "moc.tver").await;
        let id = consultation::ask(&app, &org, &question(vec![pdf("устав.pdf")])).await.unwrap();
        assert_eq!(status(&app, &org, &id).await, "open");
        let listed = consultation::list(&app, &operator).await.unwrap();
        assert_eq!(listed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);

        app.clock.set("2026-11-25T10:00:00Z".parse().unwrap());
        consultation::reply(&app, &operator, &id, "Устав и лицензия.", &[]).await.unwrap();
        assert_eq!(status(&app, &org, &id).await, "answered");
        app.clock.set("2026-11-25T11:00:00Z".parse().unwrap());
        consultation::reply(&app, &org, &id, "А копии заверять?", &[]).await.unwrap();
        assert_eq!(status(&app, &operator, &id).await, "open");
        let thread = consultation::thread(&app, &org, &id).await.unwrap();
        assert_eq!(thread.messages.len(), 3);
        assert_eq!(thread.messages.iter().map(|m| m.from_operator).collect::<Vec<_>>(), [0, 1, 0]);
        assert_eq!(thread.files.len(), 1);
        let (name, kind, bytes) = consultation::file(&app, &operator, &thread.files[0].id).await.unwrap();
        assert_eq!((name.as_str(), kind.as_str()), ("устав.pdf", "application/pdf"));
        assert_eq!(bytes, PDF, "the same bytes");

        app.clock.set("2026-11-25T12:00:00Z".parse().unwrap());
        consultation::close(&app, &operator, &id).await.unwrap();
        assert_eq!(status(&app, &org, &id).await, "closed");
        let again = consultation::reply(&app, &org, &id, "Ещё вопрос", &[]).await.unwrap_err();
        assert_eq!(again.code(), "closed");
        let actions: Vec<String> = audit_of(&app, &id).await.into_iter().map(|(a, _)| a).collect();
        assert_eq!(
            actions,
            ["consultation.ask", "consultation.reply", "consultation.reply", "consultation.close"]
        );
        let (_, after) = &audit_of(&app, &id).await[0];
        assert!(after.contains("устав.pdf") && after.contains("open"), "{after}");
    }

    async fn nobody_else_sees_a_consultation(db) {
        let app = demo_app(&db.store).await;
        let org = actor(&app, "dtdm").await;
        let id = consultation::ask(&app, &org, &question(vec![pdf("a.pdf")])).await.unwrap();
        let file = consultation::thread(&app, &org, &id).await.unwrap().files[0].id.clone();
        let other_org = actor(&app, "school").await;
        let elsewhere = operator_elsewhere(&app).await;
        for who in [&other_org, &elsewhere] {
            assert_eq!(consultation::thread(&app, who, &id).await.unwrap_err().code(), "not_found");
            assert_eq!(consultation::file(&app, who, &file).await.unwrap_err().code(), "not_found");
            assert_eq!(consultation::close(&app, who, &id).await.unwrap_err().code(), "not_found");
            let reply = consultation::reply(&app, who, &id, "Чужой ответ", &[]).await.unwrap_err();
            assert_eq!(reply.code(), "not_found");
            assert!(consultation::list(&app, who).await.unwrap().is_empty());
        }
        let parent = actor(&app, "ivanova").await;
        assert_eq!(consultation::thread(&app, &parent, &id).await.unwrap_err().code(), "forbidden");
        let regional = actor(&app, "rmc").await;
        let seen = consultation::thread(&app, &regional, &id).await.unwrap();
        assert!(!seen.may_act, "the regional centre reads, the operator answers");
        assert_eq!(consultation::list(&app, &regional).await.unwrap().len(), 1);
        assert_eq!(status(&app, &org, &id).await, "open", "nothing changed");
    }

    async fn bad_questions_are_refused_whole(db) {
        let app = demo_app(&db.store).await;
        let org = actor(&app, "dtdm").await;
        let mut q = question(Vec::new());
        q.topic = "  ".into();
        assert_eq!(fields(consultation::ask(&app, &org, &q).await.unwrap_err()), ["topic"]);
        let mut q = question(Vec::new());
        q.text = "я".repeat(10_001);
        assert_eq!(fields(consultation::ask(&app, &org, &q).await.unwrap_err()), ["text"]);
        let mut big = PDF.to_vec();
        big.resize(6 * 1024 * 1024, b' ');
        let q = question(vec![Upload { file_name: "big.pdf".into(), bytes: big }]);
        assert_eq!(fields(consultation::ask(&app, &org, &q).await.unwrap_err()), ["files"]);
        let exe = Upload { file_name: "scan.pdf".into(), bytes: b"MZ\x90\x00\x03\x00\x00\x00".to_vec() };
        assert_eq!(fields(consultation::ask(&app, &org, &question(vec![exe])).await.unwrap_err()), ["files"]);
        let four = (0..4).map(|i| pdf(&format!("{i}.pdf"))).collect();
        assert_eq!(fields(consultation::ask(&app, &org, &question(four)).await.unwrap_err()), ["files"]);
        assert!(consultation::list(&app, &org).await.unwrap().is_empty(), "nothing half-written");

        let operator = actor(&app, "moc.tver").await;
        let asked = consultation::ask(&app, &operator, &question(Vec::new())).await.unwrap_err();
        assert_eq!(asked.code(), "forbidden", "operators answer, organizations ask");
        let id = consultation::ask(&app, &org, &question(Vec::new())).await.unwrap();
        let empty = consultation::reply(&app, &operator, &id, " ", &[]).await.unwrap_err();
        assert_eq!(fields(empty), ["text"]);
        assert_eq!(status(&app, &org, &id).await, "open");
    }
}

#[test]
fn a_file_type_is_read_from_its_bytes() {
    assert_eq!(consultation::file_type(PDF), Some("application/pdf"));
    assert_eq!(consultation::file_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
    assert_eq!(consultation::file_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
    let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
    assert!(consultation::file_type(docx).unwrap().contains("wordprocessingml"));
    let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
    assert!(consultation::file_type(xlsx).unwrap().contains("spreadsheetml"));
    assert_eq!(consultation::file_type(b"PK\x03\x04 just a zip"), None);
    assert_eq!(consultation::file_type(b"MZ\x90\x00"), None);
}
