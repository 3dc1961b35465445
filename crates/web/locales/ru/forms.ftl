## Form fields: what is wrong with a value, shown beside its field.

# Проверки предметной области (crates/web/src/refusal/common.rs): слово в слово тексты ошибок
# домена, с заглавной буквы.

## ContactError
refusal-contact-phone = Телефон — 10 цифр после +7 или 8, например +7 912 345-67-89
refusal-contact-email = Адрес электронной почты записывается как name@example.ru

## CertificateNumberError
refusal-certificate-number-length = Номер сертификата состоит из 12 цифр: проверьте номер сертификата
refusal-certificate-number-not-digits = В номере сертификата только цифры, пробелы и дефисы: проверьте номер сертификата
refusal-certificate-number-checksum = Контрольные цифры не сходятся: проверьте номер сертификата

## NominalError
refusal-nominal-out-of-range = Номинал для { $group } — от { $min } до { $max }
refusal-nominal-disability-below = Номинал для детей с ОВЗ ({ $group }) не может быть меньше обычного
refusal-nominal-groups = Номиналы должны быть заданы для всех возрастов от 5 до 17 лет
# Возрастная группа номинала, как её называет домен: «7–13 лет»; слово «лет» — из
# refusal-nominal-age-group-years, по второму числу.
refusal-nominal-age-group = { $from }–{ $to } { $years }
refusal-nominal-age-group-years = { $n ->
    [one] год
    [few] года
   *[many] лет
}

## NameError
refusal-name-missing = Укажите фамилию и имя
refusal-name-letters = В имени допустимы только русские буквы, дефис, апостроф и пробел
refusal-name-too-long = Слишком длинное имя

## BirthDateError
refusal-birth-date-format = Дата рождения записывается как ДД.ММ.ГГГГ
refusal-birth-date-no-such-date = Такой даты нет в календаре: проверьте день и месяц
refusal-birth-date-future = Дата рождения не может быть в будущем
refusal-birth-date-too-old = Дата рождения раньше 1900 года: проверьте год

## SnilsError
refusal-snils-length = СНИЛС состоит из 11 цифр
refusal-snils-not-digits = В СНИЛС допустимы только цифры, пробел и дефис
refusal-snils-checksum = Контрольное число СНИЛС не сходится: проверьте номер

## BankError
refusal-bank-bik-length = БИК состоит из 9 цифр
refusal-bank-account-length = Расчётный счёт состоит из 20 цифр
refusal-bank-not-digits = В реквизитах допустимы только цифры, пробелы и дефисы
refusal-bank-checksum = Контрольный ключ счёта не сходится с БИК: проверьте счёт и БИК

## InnError
refusal-inn-length = ИНН состоит из 10 цифр (организация) или 12 цифр (индивидуальный предприниматель)
refusal-inn-not-digits = ИНН должен состоять только из цифр
refusal-inn-checksum = Контрольная цифра ИНН не сходится: проверьте номер

## OgrnError
refusal-ogrn-length = ОГРН состоит из 13 цифр, ОГРНИП — из 15 цифр
refusal-ogrn-not-digits = ОГРН должен состоять только из цифр
refusal-ogrn-checksum = Контрольная цифра ОГРН не сходится: проверьте номер

## LoginError
refusal-login-rule = Логин — латинские буквы, цифры, точка, дефис; от 3 до 40 знаков, начинается с буквы, например moc.rzhev

## MunicipalityCodeError
refusal-municipality-code-rule = Код — латинские строчные буквы и цифры, слова через дефис, от 2 до 40 знаков, например vyshny-volochek

## ProgramError (домен: правила программы, модуля и группы)
refusal-program-rule-title = Название программы — от 3 до 200 символов
refusal-program-rule-description-too-long = Описание — не длиннее 5000 символов
refusal-program-rule-age-out-of-range = Возраст детей — от { $min } до { $max } лет
refusal-program-rule-age-reversed = Возраст «с» не может быть больше возраста «до»
refusal-program-rule-hours = Часов в модуле — от 1 до { $max }
refusal-program-rule-negative-price = Цена не может быть отрицательной
refusal-program-rule-price-too-high = Цена за месяц — не больше 100 000 ₽
refusal-program-rule-seats = Мест в группе — от 1 до { $max }
refusal-program-rule-group-dates = Группа не может закончиться раньше, чем начнётся
refusal-program-rule-enrollment-dates = Запись должна открыться раньше, чем закроется, и закрыться до конца занятий
refusal-program-rule-module-title = Название модуля — от 1 до 200 символов
refusal-program-rule-missing-group-title = Нужно указать: название группы
refusal-program-rule-missing-teacher = Нужно указать: педагог
refusal-program-rule-missing-schedule = Нужно указать: расписание
refusal-program-rule-missing-address = Нужно указать: адрес занятий
refusal-program-rule-coordinates = Координаты — два числа через запятую: сначала широта (от 41 до 82), затем долгота (от 19 до 180), например 56.8587, 35.9176

## ReviewError
refusal-review-unanswered = Отметьте каждый пункт проверки: «{ $item }»
refusal-review-reason-missing = Напишите, что исправить в пункте «{ $item }»
refusal-review-not-all-passed = Сертифицировать можно, только если все пункты выполнены
refusal-review-nothing-failed = Чтобы вернуть программу, отметьте пункт, который не выполнен, и причину
refusal-review-valid-until = Срок действия сертификации — дата в будущем, не дальше чем через 5 лет

## Problem (app::form: что не так с полем формы)
refusal-problem-parent-contact-missing = Укажите телефон или электронную почту родителя
refusal-problem-scan-too-large = Скан согласия больше 5 МБ: сохраните его в меньшем размере
refusal-problem-scan-type = Скан согласия принимается в PDF, JPEG или PNG
refusal-problem-consent-missing = Нужно согласие родителя: приложите скан или отметьте, что подписанное согласие хранится в организации
refusal-problem-municipality-name = Название — от 3 до 200 знаков, например «Бежецкий муниципальный округ»
refusal-problem-municipality-kind = Выберите вид муниципального образования
refusal-problem-support-centre-name = Название опорного центра — от 3 до 300 знаков
refusal-problem-code-taken = Код { $code } уже у муниципалитета «{ $municipality }»
refusal-problem-name-taken = Муниципалитет «{ $municipality }» уже есть (код { $code })
refusal-problem-code-just-taken = Этот код только что занят другим муниципалитетом
refusal-problem-name-just-taken = Это название только что занято другим муниципалитетом
refusal-problem-login-taken = Логин { $login } уже занят: выберите другой
refusal-problem-organization-kind = Выберите тип организации
refusal-problem-full-name-missing = Укажите полное наименование
refusal-problem-short-name-missing = Укажите краткое наименование
refusal-problem-address-missing = Укажите адрес
refusal-problem-inn-ogrn-kind = У индивидуального предпринимателя ИНН из 12 цифр и ОГРНИП из 15; у организации — 10 и 13
refusal-problem-licence-missing = Укажите номер лицензии на образовательную деятельность
refusal-problem-contact-missing = Нужен телефон или электронная почта
refusal-problem-bank-name = Укажите банк, как в реквизитах
refusal-problem-municipality-missing = Выберите муниципалитет
refusal-problem-invitee-name = Напишите, кого приглашаете (ФИО)
refusal-problem-topic = Тема — от 3 до 200 символов
refusal-problem-question-missing = Напишите вопрос
refusal-problem-text-too-long = Текст — не длиннее 10 000 символов
refusal-problem-too-many-files = Не больше 3 файлов
refusal-problem-file-too-large = «{ $name }»: файл — не больше 5 МБ
refusal-problem-file-type = «{ $name }»: принимаются PDF, JPEG, PNG, DOCX и XLSX
refusal-problem-certifier = Выберите, кто сертифицирует программы
refusal-problem-whole-hours = Целое число часов от { $min } до { $max }
refusal-problem-whole-days = Целое число дней от { $min } до { $max }
refusal-problem-direction = Выберите направленность
refusal-problem-funding = Выберите, бесплатная программа или оплачивается сертификатом
refusal-problem-rubles = Сумма в рублях, например 1500 или 1500,50
refusal-problem-days = Отметьте дни занятий
refusal-problem-date-format = Дата в виде 01.09.2026
refusal-problem-date-window = Дата — не раньше чем год назад и не позже чем через три года: проверьте год
refusal-problem-lottery-window = Жеребьёвка — в пределах срока приёма заявок
refusal-problem-photo-too-large = Фотография — не больше 2 МБ
refusal-problem-photo-type = Фотография принимается в JPEG, PNG или WebP
refusal-problem-too-many-photos = У программы не больше 6 фотографий
refusal-problem-reason-too-long = Причина — не длиннее 1000 символов
