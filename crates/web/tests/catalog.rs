//! The public catalog and a program's page over HTTP, on both databases: search with filters,
//! bad queries, the child filter, what a draft shows to whom, and text that stays text.

use dopcert_testkit::{both_databases, location, TestApp};

const PASSWORD: &str = "demo-tver-2026";

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(app.at(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The ids of the programs on a result page, in order.
fn result_ids(html: &str) -> Vec<String> {
    html.split("<h2><a href=\"/catalog/").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

/// Sends a staff form and returns where it redirected.
async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    page: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let csrf = app.csrf(c, page).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let res = c.post(app.at(path)).form(&form).send().await.unwrap();
    let status = res.status().as_u16();
    let to = location(&res).to_string();
    (status, if status == 303 { to } else { res.text().await.unwrap() })
}

both_databases! {
    async fn anyone_searches_the_catalog_with_filters_and_paging(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        let (status, html) = get(&app, &c, "/catalog").await;
        assert_eq!(status, 200);
        assert!(html.contains("Найдено программ"), "the landing page browses everything");
        assert_eq!(result_ids(&html).len(), 20, "a page of 20");
        let (_, page2) = get(&app, &c, "/catalog?page=2").await;
        let (first, second) = (result_ids(&html), result_ids(&page2));
        assert!(first.iter().all(|id| !second.contains(id)), "pages do not repeat");

        let (_, robots) = get(&app, &c, "/catalog?q=%D1%80%D0%BE%D0%B1%D0%BE%D1%82%D1%8B").await;
        assert!(robots.contains("Робототехника: первые шаги"), "«роботы» finds «робототехника»");
        let (_, sport) = get(&app, &c, "/catalog?direction=physical_sport").await;
        assert!(!sport.contains("Техническая ·") && sport.contains("Физкультурно-спортивная ·"));
        let (_, free) = get(&app, &c, "/catalog?funding=free").await;
        assert!(free.contains("бесплатно") && !free.contains("в месяц</strong>"), "free programs only");
        let (_, young) = get(&app, &c, "/catalog?age=5").await;
        for id in result_ids(&young) {
            let (_, page) = get(&app, &c, &format!("/catalog/{id}")).await;
            let ages = page.split("<dt>Возраст</dt><dd>от ").nth(1).unwrap();
            let min: u8 = ages.split(' ').next().unwrap().parse().unwrap();
            assert!(min <= 5, "age 5 fits every result");
        }

        // The map is another site's images: shown when asked for, not on every visit.
        let id = &first[0];
        let (_, page) = get(&app, &c, &format!("/catalog/{id}")).await;
        assert!(!page.contains("tile.openstreetmap.org"), "no tiles unasked");
        let ask = format!("href=\"/catalog/{id}?map=1#map\">Показать место занятий на карте</a>");
        assert!(page.contains(&ask), "the link that asks for it");
        let (_, with_map) = get(&app, &c, &format!("/catalog/{id}?map=1")).await;
        assert!(with_map.contains("<h2 id=\"map\">На карте</h2>") && with_map.contains("https://tile.openstreetmap.org/"));
        assert!(!with_map.contains("?map=1#map"), "no link to what is shown");
    }

    async fn bad_queries_get_a_sensible_answer_and_html_stays_text(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        let (status, html) = get(&app, &c, "/catalog?q=%21%21%21%20...%20%3F%3F%3F").await;
        assert_eq!(status, 200);
        assert!(html.contains("В запросе нет слов"), "only punctuation");
        let long = "футбол".repeat(900);
        let (status, html) = get(&app, &c, &format!("/catalog?q={long}")).await;
        assert_eq!(status, 200, "a 5,400-character query");
        assert!(!html.contains(&long), "only the first 200 characters are kept");
        for bad in ["/catalog?page=-1", "/catalog?page=999999", "/catalog?age=200", "/catalog?direction=cooking&sort=x"] {
            assert_eq!(get(&app, &c, bad).await.0, 200, "{bad}");
        }

        // A provider writes markup into a description: the page shows it as text.
        assert_eq!(app.login(&c, "dtdm", PASSWORD).await.status(), 303);
        let fields = [
            ("title", "<b>Жирный</b> кружок"),
            ("direction", "artistic"),
            ("description", "<script>alert(1)</script>"),
            ("age_min", "7"),
            ("age_max", "12"),
            ("funding", "free"),
        ];
        let (status, to) = post(&app, &c, "/org/programs/new", "/org/programs/new", &fields).await;
        assert_eq!(status, 303, "{to}");
        let (_, editor) = get(&app, &c, &to).await;
        assert!(editor.contains("&#60;script&#62;alert(1)&#60;/script&#62;") && !editor.contains("<script>alert"));
        let id = to.trim_start_matches("/org/programs/").split('?').next().unwrap().to_string();
        // A draft is the provider's: the public gets 404.
        let (status, _) = get(&app, &app.client(), &format!("/catalog/{id}")).await;
        assert_eq!(status, 404);

        let bad_ages = [("title", "Кружок"), ("direction", "artistic"), ("description", ""), ("age_min", "12"), ("age_max", "7"), ("funding", "free"), ("version", "1")];
        let (status, html) = post(&app, &c, &format!("/org/programs/{id}"), &to, &bad_ages).await;
        assert_eq!(status, 422);
        assert!(html.contains("Возраст «с» не может быть больше возраста «до»") && html.contains("aria-invalid"));
        let version = editor.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let module = [("module_title", "Год"), ("hours", "0"), ("price", "-5"), ("normative_cost", "0"), ("version", version.as_str())];
        let (status, html) = post(&app, &c, &format!("/org/programs/{id}/modules"), &to, &module).await;
        assert_eq!(status, 422);
        assert!(html.contains("Часов в модуле — от 1 до 2000"), "hours 0");
        let (status, html) = post(&app, &c, &format!("/org/programs/{id}/submit"), &to, &[("version", version.as_str())]).await;
        assert_eq!(status, 422);
        assert!(html.contains("Добавьте хотя бы один модуль"), "nothing to certify yet");
    }

    async fn with_a_child_picked_the_catalog_shows_what_that_child_can_join(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        assert_eq!(app.login(&c, "kuznetsova", PASSWORD).await.status(), 303);
        let (_, html) = get(&app, &c, "/catalog").await;
        let child = html.split("/catalog?child=").nth(1).unwrap().split('"').next().unwrap().to_string();
        let (_, picked) = get(&app, &c, &format!("/catalog?child={child}")).await;
        assert!(picked.contains("Показано то, куда может записаться"), "the filter is said");
        let age: u8 = picked.split("записаться ").nth(1).unwrap().split(" (").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        for id in result_ids(&picked) {
            let (_, page) = get(&app, &c, &format!("/catalog/{id}")).await;
            let ages = page.split("<dt>Возраст</dt><dd>от ").nth(1).unwrap();
            let mut n = ages.split(' ');
            let min: u8 = n.next().unwrap().parse().unwrap();
            let max: u8 = n.nth(1).unwrap().parse().unwrap();
            assert!((min..=max).contains(&age), "{id}: {min}–{max} for {age}");
            assert!(page.contains("город Тверь"), "the certificate's municipality");
        }
        // Someone else's child is not a filter (R04): the whole catalog, no name.
        let other = app.client();
        assert_eq!(app.login(&other, "ivanova", PASSWORD).await.status(), 303);
        let (_, html) = get(&app, &other, &format!("/catalog?child={child}")).await;
        assert!(!html.contains("Показано то, куда может записаться"));
    }
}

/// A valid (ИНН, ОГРН, account) for a test provider: checksums computed, not copied.
fn provider_numbers() -> (String, String, String) {
    use dopcert_domain::bank::{with_control_key, Bik};
    let inn = dopcert_domain::inn::Inn::legal_from_base(695_077_001).as_str().to_string();
    let ogrn = dopcert_domain::ogrn::Ogrn::legal_from_body(102_690_077_001).as_str().to_string();
    let bik = Bik::parse("042809679").unwrap();
    (inn, ogrn, with_control_key(&bik, "4070281086300000077").digits().to_string())
}

both_databases! {
    async fn a_provider_applies_on_the_public_form_and_the_operator_activates_it(db) {
        let app = TestApp::with_demo(db).await;
        let anon = app.client();
        let (status, form) = get(&app, &anon, "/providers/apply").await;
        assert_eq!(status, 200);
        let tver = form.split("<option value=\"").find(|o| o.contains(">город Тверь<")).unwrap().split('"').next().unwrap().to_string();
        let (inn, ogrn, account) = provider_numbers();
        let mut fields = vec![
            ("kind", "private_organization"),
            ("full_name", "ООО «Морская школа»"),
            ("short_name", "Морская школа"),
            ("inn", inn.as_str()),
            ("ogrn", ogrn.as_str()),
            ("licence", "Л035-01234-69/00123456"),
            ("address", "г. Тверь, ул. Речная, д. 3"),
            ("municipality_id", tver.as_str()),
            ("phone", "+7 4822 55-66-77"),
            ("bank_name", "ПАО Сбербанк"),
            ("bik", "042809679"),
            ("settlement_account", "40702810863000000770"),
            ("head_name", "Морозов Сергей Александрович"),
        ];
        let (status, html) = post(&app, &anon, "/providers/apply", "/providers/apply", &fields).await;
        assert_eq!(status, 422);
        assert!(html.contains("Контрольный ключ счёта не сходится с БИК"), "a mistyped account is caught");
        assert!(html.contains("value=\"Морская школа\""), "the form comes back filled in");
        fields[11] = ("settlement_account", account.as_str());
        let (status, html) = post(&app, &anon, "/providers/apply", "/providers/apply", &fields).await;
        assert_eq!(status, 200);
        assert!(html.contains("Заявка принята: Морская школа."), "{html}");

        let moc = app.client();
        assert_eq!(app.login(&moc, "moc.tver", PASSWORD).await.status(), 303);
        let (_, list) = get(&app, &moc, "/moc/providers?status=applied").await;
        let id = list.split("/moc/providers/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let page = format!("/moc/providers/{id}");
        let decide = format!("{page}/decide");
        let (status, to) = post(&app, &moc, &decide, &page, &[("action", "verify")]).await;
        assert_eq!((status, to.as_str()), (303, format!("{page}?done=1").as_str()), "a reload resends nothing");
        let (status, html) = post(&app, &moc, &decide, &page, &[("action", "activate")]).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("org{inn}")) && html.contains("одноразовый пароль"), "the head's login");
        let (status, html) = post(&app, &moc, &decide, &page, &[("action", "suspend"), ("reason", " ")]).await;
        assert_eq!(status, 409);
        assert!(html.contains("Напишите причину"));
        // The head closed the page before choosing a password: the operator gives a new one.
        let (status, html) = post(&app, &moc, &decide, &page, &[("action", "reissue")]).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("org{inn}")) && html.contains("одноразовый пароль"));
    }
}

both_databases! {
    async fn the_regional_centre_decides_who_certifies_programs(db) {
        let app = TestApp::with_demo(db).await;
        let rmc = app.client();
        assert_eq!(app.login(&rmc, "rmc", PASSWORD).await.status(), 303);
        // The home page's old form now lands on the region's rules.
        let (status, to) = post(&app, &rmc, "/moc/certification", "/moc", &[("by", "region")]).await;
        assert_eq!((status, to.as_str()), (303, "/region/rules?saved=1"));
        let (_, html) = get(&app, &rmc, &to).await;
        assert!(html.contains("Правила региона сохранены") && html.contains("value=\"region\" checked"));
        let moc = app.client();
        assert_eq!(app.login(&moc, "moc.tver", PASSWORD).await.status(), 303);
        let (_, home) = get(&app, &moc, "/moc").await;
        assert!(home.contains("сертифицирует региональный модельный центр"));
        let (status, _) = post(&app, &moc, "/moc/certification", "/moc", &[("by", "municipality")]).await;
        assert_eq!(status, 403, "only the region decides");
    }
}

both_databases! {
    async fn an_english_page_refuses_a_programme_in_english(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        c.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        assert_eq!(app.login(&c, "dtdm", PASSWORD).await.status(), 303);
        let fields = [
            ("title", "Chess club"),
            ("direction", "artistic"),
            ("description", ""),
            ("age_min", "7"),
            ("age_max", "12"),
            ("funding", "free"),
        ];
        let (status, to) = post(&app, &c, "/org/programs/new", "/org/programs/new", &fields).await;
        assert_eq!(status, 303, "{to}");
        let (_, editor) = get(&app, &c, &to).await;
        let id = to.trim_start_matches("/org/programs/").split('?').next().unwrap().to_string();
        let version = editor.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        // The use case says it in Russian (the API keeps that); the page says it in English.
        let submit = format!("/org/programs/{id}/submit");
        let (status, html) = post(&app, &c, &submit, &to, &[("version", version.as_str())]).await;
        assert_eq!(status, 422);
        assert!(html.contains("Add at least one module") && !html.contains("Добавьте"), "{html}");
    }
}

both_databases! {
    async fn a_mistyped_provider_form_is_explained_in_english_beside_its_fields(db) {
        let app = TestApp::with_demo(db).await;
        let english = app.client();
        english.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        let fields = [
            ("kind", "private_organization"),
            ("full_name", "Sea School Ltd"),
            ("short_name", "Sea School"),
            ("inn", "12345"),
            ("ogrn", "1026900770012"),
            ("licence", "L035-01234-69/00123456"),
            ("address", "Tver, Rechnaya 3"),
            ("phone", "+7 4822 55-66-77"),
            ("bank_name", "Sberbank"),
            ("bik", "042809679"),
            ("settlement_account", "40702810863000000770"),
            ("head_name", "Морозов Сергей Александрович"),
        ];
        let (status, html) = post(&app, &english, "/providers/apply", "/providers/apply", &fields).await;
        assert_eq!(status, 422);
        assert!(html.contains("An INN (taxpayer number) has 10 digits"), "{html}");
        assert!(html.contains("check key does not match the BIC"), "{html}");
        assert!(html.contains("Choose the municipality"), "{html}");
        assert!(html.contains("aria-describedby=\"inn-error\""), "beside the field");
        assert!(!html.contains("ИНН состоит") && !html.contains("не сходится"), "no Russian refusal");
    }
}
