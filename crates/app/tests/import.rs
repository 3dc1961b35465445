//! A school imports its pupils and their parents (variant 2 of the notice), on both databases.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::import::{self, ImportError, RowEffect, RowProblem};
use dopcert_app::{App, Clock};
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::snils::SnilsError;
use dopcert_store::{person, Store};
use dopcert_testkit::both_databases;
use jiff::civil::date;

async fn school_app(store: &Store) -> (App, Actor) {
    let app = App::new(store.clone(), Clock::fixed("2026-11-25T09:00:00Z".parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let clerk = actor(&app, "school").await;
    (app, clerk)
}

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

const HEADER: &str = "Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя;Телефон;Email\n";

fn cp1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

async fn children_named(store: &Store, name: &str, birth: jiff::civil::Date) -> usize {
    let mut conn = store.reader().await.unwrap();
    let name = FullName::parse(name).unwrap();
    person::by_name_and_birth(&mut conn, &name, BirthDate::from_stored(birth)).await.unwrap().len()
}

both_databases! {
    async fn a_clean_class_file_is_previewed_then_imported_and_a_reimport_updates(db) {
        let (app, clerk) = school_app(&db.store).await;
        let file = format!(
            "{HEADER}5А;Сёмин Игорь Петрович;08.03.2015;112-233-445 95;Сёмина Анна Ивановна;8 (910) 123-45-67;anna@example.ru\n\
             5А;Белова Дарья Олеговна;2015-01-20;;Белов Олег Юрьевич;;\n"
        );
        let preview = import::preview(&app, &clerk, "5a.csv", &cp1251(&file)).await.unwrap();
        assert_eq!((preview.new, preview.updated, preview.with_problems), (2, 0, 0));
        let batch = preview.batch_id.clone().expect("a clean file can be confirmed");
        assert_eq!(children_named(&db.store, "Сёмин Игорь Петрович", date(2015, 3, 8)).await, 0, "nothing written before confirmation");

        let done = import::commit(&app, &clerk, &batch).await.unwrap();
        assert_eq!((done.children_new, done.parents_new), (2, 2));
        assert!(matches!(import::commit(&app, &clerk, &batch).await, Err(ImportError::NotPending)), "a second click writes nothing");
        let mut conn = db.store.reader().await.unwrap();
        let logged: Vec<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT account_id, after_json FROM audit_record WHERE action = 'import.commit' AND object_id = $1")
                .bind(&batch)
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        drop(conn);
        assert_eq!(logged.len(), 1, "the file's import is in the audit log once");
        assert_eq!(logged[0].0.as_deref(), Some(clerk.account_id.as_str()));
        let after = logged[0].1.clone().unwrap();
        assert!(after.contains("\"children_new\":2") && !after.contains("112-233-445"), "{after}");

        // Next term: the class changed, one parent added, spelled with «е» for «ё».
        let again = format!("{HEADER}6А;Семин Игорь Петрович;08.03.2015;;Семина Анна Ивановна;;\n5А;Белова Дарья Олеговна;20.01.2015;;Белова Ирина Сергеевна;;\n");
        let preview = import::preview(&app, &clerk, "6a.csv", again.as_bytes()).await.unwrap();
        assert_eq!((preview.new, preview.updated), (0, 2));
        let done = import::commit(&app, &clerk, preview.batch_id.as_deref().unwrap()).await.unwrap();
        assert_eq!((done.children_new, done.children_updated, done.parents_new), (0, 2, 1));
        assert_eq!(children_named(&db.store, "Сёмин Игорь Петрович", date(2015, 3, 8)).await, 1, "updated, not duplicated");

        let mut conn = db.store.reader().await.unwrap();
        let dasha = person::by_name_and_birth(&mut conn, &FullName::parse("Белова Дарья Олеговна").unwrap(), BirthDate::from_stored(date(2015, 1, 20))).await.unwrap();
        assert_eq!(person::parents_of(&mut conn, &dasha[0].id).await.unwrap().len(), 2);
        let class: String = sqlx::query_scalar("SELECT class_label FROM pupil WHERE child_id = $1").bind(dasha[0].id.as_str()).fetch_one(&mut *conn).await.unwrap();
        assert_eq!(class, "5А");
    }

    async fn every_problem_of_a_file_is_shown_and_nothing_is_written(db) {
        let (app, clerk) = school_app(&db.store).await;
        let file = format!(
            "{HEADER}1А;Малыш Пётр;01.01.2023;;Малыш Анна;;\n\
             11Б;Старый Иван;01.01.1986;;Старая Анна;;\n\
             5А;Иванов Иван;01.02.2015;112-233-445 96;Иванова Анна;;\n\
             5А;Ivanov Иван;01.02.2015;;Иванова Анна;;\n\
             5А;Петров Пётр;31.02.2015;;Петрова Анна;;\n\
             5А;Сидоров Сидор;01.03.2015;;Сидорова Анна;12345;почта\n\
             5А;Кузьмин Илья;01.04.2015;;Кузьмина Анна;;\n\
             5А;Кузьмин Илья;01.04.2015;;Кузьмина Анна;;\n\
             5Б;Лосев Ян;01.05.2015;;Лосева Анна;;\n\
             5Б;Лосев Ян;01.05.2015;112-233-445 95;Лосева Анна;;\n"
        );
        let p = import::preview(&app, &clerk, "bad.csv", file.as_bytes()).await.unwrap();
        assert!(p.batch_id.is_none(), "a file with problems cannot be confirmed");
        // The clerk's Russian, as the problems' `Display` words it.
        let problems: Vec<String> = p
            .rows
            .iter()
            .map(|r| r.checked.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
            .collect();
        assert!(problems[0].contains("возраст ученика 3"), "{}", problems[0]);
        assert!(problems[1].contains("возраст ученика 40"), "{}", problems[1]);
        assert!(problems[2].contains("СНИЛС: контрольное число"), "{}", problems[2]);
        assert!(problems[3].contains("только русские буквы"), "{}", problems[3]);
        assert!(problems[4].contains("дата рождения"), "{}", problems[4]);
        assert!(problems[5].contains("телефон") && problems[5].contains("почты"), "{}", problems[5]);
        assert!(problems[6].is_empty());
        assert!(problems[7].contains("уже есть в строке 8"), "{}", problems[7]);
        assert!(problems[9].contains("в строке 10 ученик с теми же ФИО и датой рождения, но другим СНИЛС"), "{}", problems[9]);
        assert_eq!(p.rows[2].checked.problems, [RowProblem::Snils(SnilsError::Checksum)]);
        assert_eq!(p.rows[7].checked.problems, [RowProblem::Repeated { first: 8 }]);
        assert_eq!(p.with_problems, 8);
        assert_eq!(p.rows[6].effect, Some(RowEffect::New));
        assert_eq!(children_named(&db.store, "Кузьмин Илья", date(2015, 4, 1)).await, 0);
    }
}

#[tokio::test]
async fn missing_columns_an_unreadable_file_and_strangers_are_refused() {
    let db = dopcert_testkit::TestDb::sqlite().await;
    let (app, clerk) = school_app(&db.store).await;
    let err = import::preview(&app, &clerk, "x.csv", "Класс;ФИО ученика\n5А;Иванов Иван\n".as_bytes())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "в файле нет столбцов: Дата рождения, ФИО родителя");
    let err = import::preview(&app, &clerk, "x.xlsx", b"PK\x03\x04garbage").await.unwrap_err();
    assert!(err.to_string().starts_with("файл не прочитан как таблица Excel"), "{err}");
    let parent = actor(&app, "ivanova").await;
    let file = format!("{HEADER}5А;Иванов Иван;01.02.2015;;Иванова Анна;;\n");
    assert!(matches!(
        import::preview(&app, &parent, "x.csv", file.as_bytes()).await,
        Err(ImportError::Forbidden)
    ));
    let big = vec![b' '; import::MAX_FILE_BYTES + 1];
    assert!(matches!(import::preview(&app, &clerk, "big.csv", &big).await, Err(ImportError::TooLarge)));
}

#[tokio::test]
async fn an_xlsx_export_with_real_dates_is_read() {
    let db = dopcert_testkit::TestDb::sqlite().await;
    let (app, clerk) = school_app(&db.store).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Класс", "ФИО обучающегося", "Дата рождения", "СНИЛС", "ФИО законного представителя"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "3В").unwrap();
    sheet.write_string(1, 1, "Орлова Мила Андреевна").unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 9, 14).unwrap();
    sheet
        .write_datetime_with_format(1, 2, &day, &rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy"))
        .unwrap();
    sheet.write_number(1, 3, 11223344595.0).unwrap();
    sheet.write_string(1, 4, "Орлов Андрей Ильич").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let p = import::preview(&app, &clerk, "3v.xlsx", &bytes).await.unwrap();
    assert_eq!(p.with_problems, 0, "{:?}", p.rows[0].checked.problems);
    let row = p.rows[0].checked.row.as_ref().unwrap();
    assert_eq!(row.birth, date(2017, 9, 14));
    assert_eq!(row.snils.as_deref(), Some("11223344595"));
}
