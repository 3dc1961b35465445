//! Tver region: its real municipalities, with a rough share of the region's children for each
//! (the city of Tver has about a third of them). The numbers are demo weights, not statistics.

use dopcert_domain::municipality::MunicipalityKind::{self, *};

pub struct DemoMunicipality {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: MunicipalityKind,
    /// Where the towns' addresses point: «г. Тверь», «г. Ржев», «пгт Максатиха».
    pub town: &'static str,
    pub weight: u32,
}

macro_rules! m {
    ($code:literal, $name:literal, $kind:ident, $town:literal, $w:literal) => {
        DemoMunicipality { code: $code, name: $name, kind: $kind, town: $town, weight: $w }
    };
}

pub const REGION_CODE: &str = "69";
pub const REGION_NAME: &str = "Тверская область";
pub const REGION_CENTER: &str =
    "Региональный модельный центр дополнительного образования детей Тверской области";
pub const REGION_CENTER_URL: &str = "https://vk.com/public213928802";
/// The phone the notice gives for the municipal support centre of Tver.
pub const TVER_SUPPORT_PHONE: &str = "+7 (4822) 32-02-10";

pub const MUNICIPALITIES: &[DemoMunicipality] = &[
    m!("tver", "город Тверь", UrbanOkrug, "г. Тверь", 330),
    m!("rzhev", "город Ржев", UrbanOkrug, "г. Ржев", 45),
    m!("torzhok", "город Торжок", UrbanOkrug, "г. Торжок", 35),
    m!("kimry", "город Кимры", UrbanOkrug, "г. Кимры", 35),
    m!("vyshny-volochek", "Вышневолоцкий городской округ", UrbanOkrug, "г. Вышний Волочёк", 50),
    m!("kashin", "Кашинский городской округ", UrbanOkrug, "г. Кашин", 14),
    m!("nelidovo", "Нелидовский городской округ", UrbanOkrug, "г. Нелидово", 18),
    m!("ostashkov", "Осташковский городской округ", UrbanOkrug, "г. Осташков", 20),
    m!("udomlya", "Удомельский городской округ", UrbanOkrug, "г. Удомля", 25),
    m!("ozerny", "ЗАТО Озёрный", Zato, "пгт Озёрный", 8),
    m!("solnechny", "ЗАТО Солнечный", Zato, "пос. Солнечный", 2),
    m!("andreapol", "Андреапольский муниципальный округ", MunicipalOkrug, "г. Андреаполь", 6),
    m!("bezhetsk", "Бежецкий муниципальный округ", MunicipalOkrug, "г. Бежецк", 25),
    m!("bely", "Бельский муниципальный округ", MunicipalOkrug, "г. Белый", 3),
    m!("bologoye", "Бологовский район", District, "г. Бологое", 28),
    m!("vesyegonsk", "Весьегонский муниципальный округ", MunicipalOkrug, "г. Весьегонск", 6),
    m!("zharkovsky", "Жарковский муниципальный округ", MunicipalOkrug, "пгт Жарковский", 3),
    m!("zapadnaya-dvina", "Западнодвинский муниципальный округ", MunicipalOkrug, "г. Западная Двина", 8),
    m!("zubtsov", "Зубцовский муниципальный округ", MunicipalOkrug, "г. Зубцов", 9),
    m!("kalinin", "Калининский муниципальный округ", MunicipalOkrug, "г. Тверь", 55),
    m!("kalyazin", "Калязинский муниципальный округ", MunicipalOkrug, "г. Калязин", 10),
    m!("kesova-gora", "Кесовогорский муниципальный округ", MunicipalOkrug, "пгт Кесова Гора", 4),
    m!("kimry-district", "Кимрский муниципальный округ", MunicipalOkrug, "г. Кимры", 8),
    m!("konakovo", "Конаковский муниципальный округ", MunicipalOkrug, "г. Конаково", 45),
    m!("krasny-kholm", "Краснохолмский муниципальный округ", MunicipalOkrug, "г. Красный Холм", 5),
    m!("kuvshinovo", "Кувшиновский муниципальный округ", MunicipalOkrug, "г. Кувшиново", 7),
    m!("lesnoye", "Лесной муниципальный округ", MunicipalOkrug, "с. Лесное", 2),
    m!("likhoslavl", "Лихославльский муниципальный округ", MunicipalOkrug, "г. Лихославль", 12),
    m!("maksatikha", "Максатихинский муниципальный округ", MunicipalOkrug, "пгт Максатиха", 7),
    m!("molokovo", "Молоковский муниципальный округ", MunicipalOkrug, "пгт Молоково", 2),
    m!("olenino", "Оленинский муниципальный округ", MunicipalOkrug, "пгт Оленино", 4),
    m!("peno", "Пеновский муниципальный округ", MunicipalOkrug, "пгт Пено", 3),
    m!("rameshki", "Рамешковский муниципальный округ", MunicipalOkrug, "пгт Рамешки", 6),
    m!("rzhev-district", "Ржевский муниципальный округ", MunicipalOkrug, "г. Ржев", 8),
    m!("sandovo", "Сандовский муниципальный округ", MunicipalOkrug, "пгт Сандово", 3),
    m!("selizharovo", "Селижаровский муниципальный округ", MunicipalOkrug, "пгт Селижарово", 5),
    m!("sonkovo", "Сонковский муниципальный округ", MunicipalOkrug, "пгт Сонково", 4),
    m!("spirovo", "Спировский муниципальный округ", MunicipalOkrug, "пгт Спирово", 5),
    m!("staritsa", "Старицкий муниципальный округ", MunicipalOkrug, "г. Старица", 9),
    m!("torzhok-district", "Торжокский муниципальный округ", MunicipalOkrug, "г. Торжок", 10),
    m!("toropets", "Торопецкий муниципальный округ", MunicipalOkrug, "г. Торопец", 7),
    m!("firovo", "Фировский муниципальный округ", MunicipalOkrug, "пгт Фирово", 3),
];

/// The municipal support centre's name for a municipality.
pub fn support_center(m: &DemoMunicipality) -> String {
    if m.code == "tver" {
        "Муниципальный опорный центр г. Твери (ДТДМ)".to_string()
    } else {
        format!("Муниципальный опорный центр: {}", m.name)
    }
}
