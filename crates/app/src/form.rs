//! What forms share: a problem tied to the field it is about, so that pages show it beside the
//! field (and screen readers read it with the field).

use dopcert_domain::bank::BankError;
use dopcert_domain::contact::ContactError;
use dopcert_domain::eligibility::Eligibility;
use dopcert_domain::inn::InnError;
use dopcert_domain::login::LoginError;
use dopcert_domain::municipality::MunicipalityCodeError;
use dopcert_domain::ogrn::OgrnError;
use dopcert_domain::person::{BirthDateError, NameError};
use dopcert_domain::program::ProgramError;
use dopcert_domain::snils::SnilsError;

/// What is wrong with a field. `Display` is the Russian the API shows; pages put it into the
/// page's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    // ---- the domain's checks ----
    #[error(transparent)]
    Name(#[from] NameError),
    #[error(transparent)]
    BirthDate(#[from] BirthDateError),
    /// The child is outside the certificate's ages (R03).
    #[error("{}", crate::certificate::age_message(.0))]
    Age(Eligibility),
    #[error(transparent)]
    Snils(#[from] SnilsError),
    #[error(transparent)]
    Contact(#[from] ContactError),
    #[error(transparent)]
    Bank(#[from] BankError),
    #[error(transparent)]
    Inn(#[from] InnError),
    #[error(transparent)]
    Ogrn(#[from] OgrnError),
    #[error(transparent)]
    Program(#[from] ProgramError),
    #[error(transparent)]
    MunicipalityCode(#[from] MunicipalityCodeError),
    #[error(transparent)]
    Login(#[from] LoginError),

    // ---- registering a child ----
    #[error("укажите телефон или электронную почту родителя")]
    ParentContactMissing,
    #[error("скан согласия больше 5 МБ: сохраните его в меньшем размере")]
    ScanTooLarge,
    #[error("скан согласия принимается в PDF, JPEG или PNG")]
    ScanType,
    #[error("нужно согласие родителя: приложите скан или отметьте, что подписанное согласие хранится в организации")]
    ConsentMissing,

    // ---- municipalities ----
    #[error("название — от 3 до 200 знаков, например «Бежецкий муниципальный округ»")]
    MunicipalityName,
    #[error("выберите вид муниципального образования")]
    MunicipalityKind,
    #[error("название опорного центра — от 3 до 300 знаков")]
    SupportCentreName,
    #[error("код {code} уже у муниципалитета «{municipality}»")]
    CodeTaken { code: String, municipality: String },
    #[error("муниципалитет «{municipality}» уже есть (код {code})")]
    NameTaken { municipality: String, code: String },
    #[error("этот код только что занят другим муниципалитетом")]
    CodeJustTaken,
    #[error("это название только что занято другим муниципалитетом")]
    NameJustTaken,
    #[error("логин {login} уже занят: выберите другой")]
    LoginTaken { login: String },

    // ---- providers ----
    #[error("выберите тип организации")]
    OrganizationKind,
    #[error("укажите полное наименование")]
    FullNameMissing,
    #[error("укажите краткое наименование")]
    ShortNameMissing,
    #[error("укажите адрес")]
    AddressMissing,
    #[error("у индивидуального предпринимателя ИНН из 12 цифр и ОГРНИП из 15; у организации — 10 и 13")]
    InnOgrnKind,
    #[error("укажите номер лицензии на образовательную деятельность")]
    LicenceMissing,
    #[error("нужен телефон или электронная почта")]
    ContactMissing,
    #[error("укажите банк, как в реквизитах")]
    BankName,
    #[error("выберите муниципалитет")]
    MunicipalityMissing,
    #[error("напишите, кого приглашаете (ФИО)")]
    InviteeName,

    // ---- consultations ----
    #[error("тема — от 3 до 200 символов")]
    Topic,
    #[error("напишите вопрос")]
    QuestionMissing,
    #[error("текст — не длиннее 10 000 символов")]
    TextTooLong,
    #[error("не больше 3 файлов")]
    TooManyFiles,
    #[error("«{name}»: файл — не больше 5 МБ")]
    FileTooLarge { name: String },
    #[error("«{name}»: принимаются PDF, JPEG, PNG, DOCX и XLSX")]
    FileType { name: String },

    // ---- the region's rules ----
    #[error("выберите, кто сертифицирует программы")]
    Certifier,
    #[error("целое число часов от {min} до {max}")]
    WholeHours { min: i64, max: i64 },
    #[error("целое число дней от {min} до {max}")]
    WholeDays { min: i64, max: i64 },

    // ---- programmes and groups ----
    #[error("выберите направленность")]
    Direction,
    #[error("выберите, бесплатная программа или оплачивается сертификатом")]
    Funding,
    #[error("сумма в рублях, например 1500 или 1500,50")]
    Rubles,
    #[error("отметьте дни занятий")]
    Days,
    #[error("дата в виде 01.09.2026")]
    DateFormat,
    #[error("дата — не раньше чем год назад и не позже чем через три года: проверьте год")]
    DateWindow,
    #[error("жеребьёвка — в пределах срока приёма заявок")]
    LotteryWindow,
    #[error("фотография — не больше 2 МБ")]
    PhotoTooLarge,
    #[error("фотография принимается в JPEG, PNG или WebP")]
    PhotoType,
    #[error("у программы не больше 6 фотографий")]
    TooManyPhotos,
    #[error("причина — не длиннее 1000 символов")]
    ReasonTooLong,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: impl Into<Problem>) -> Self {
        FieldError { field, problem: problem.into() }
    }

    /// The problem in Russian, as the API says it.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

/// Collects field problems while a form is checked.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &'static str, problem: impl Into<Problem>) {
        self.0.push(FieldError::new(field, problem));
    }

    /// The value, or None with its problem noted.
    pub fn check<T, E: Into<Problem>>(&mut self, field: &'static str, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| self.add(field, e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
