# Тексты страниц: cabinet
# Личный кабинет: главная, вход, пароль, персональные настройки, сертификат и его получение,
# уведомления, мои персональные данные, регистрация ребёнка в организации, проверка сертификата,
# токены API, присоединение к организации.

## Общее для страниц кабинета

# Подпись прокручиваемой таблицы для экранного диктора.
cabinet-table = Таблица
cabinet-when = Когда
cabinet-what = Что
cabinet-available = Доступно
cabinet-held = Зарезервировано
cabinet-reserve = Резерв
cabinet-spent = Потрачено
cabinet-status = Статус
cabinet-municipality = Муниципалитет
cabinet-issued = Выдан
cabinet-device = Устройство
cabinet-signed-in = Вход
cabinet-last-seen = Последняя активность
cabinet-kind = Вид
cabinet-kind-funded = сертификат финансирования (с номиналом)
cabinet-kind-free = сертификат учёта (для бесплатных муниципальных программ)
cabinet-esia = Госуслуги
cabinet-esia-not-linked = не привязаны
cabinet-personal-data = Мои персональные данные
cabinet-last-name = Фамилия
cabinet-first-name = Имя
cabinet-email = Электронная почта
cabinet-consents = Согласия на обработку персональных данных
cabinet-money-movements = Движение средств
cabinet-certificate-history = История сертификата
cabinet-login = Логин
cabinet-password = Пароль

# Статусы сертификата (строчными: идут после «Статус» и внутри фраз).
cabinet-status-active = действует
cabinet-status-suspended = приостановлен
cabinet-status-closed = закрыт

# Как выдан сертификат и как дано согласие.
cabinet-channel-cabinet = в личном кабинете
cabinet-channel-esia = в личном кабинете (вход через Госуслуги)
cabinet-channel-organization = в организации при записи
cabinet-channel-paper = на бумаге в организации

# Роли.
cabinet-role-parent = Родитель (законный представитель)
cabinet-role-child = Обучающийся
cabinet-role-organization-staff = Сотрудник организации
cabinet-role-organization-admin = Администратор организации
cabinet-role-municipal-operator = Муниципальный опорный центр
cabinet-role-regional-admin = Региональный модельный центр
cabinet-role-auditor = Контроль (только просмотр)

# Движения средств на сертификате.
cabinet-reason-nominal = Зачислен номинал
cabinet-reason-return = Номинал возвращён в бюджет
cabinet-reason-expiry = Остаток сгорел в конце периода
cabinet-reason-hold = Зарезервировано по договору
cabinet-reason-release = Резерв снят
cabinet-reason-charge = Оплата занятий

# События в истории сертификата.
cabinet-event-issued = Выдан
cabinet-event-funded = Получил номинал
cabinet-event-suspended = Приостановлен
cabinet-event-resumed = Возобновлён
cabinet-event-closed = Закрыт

## Главная

home-lead = Электронная запись с номером, которая оплачивает кружки, секции и студии
    для детей от 5 до 17 лет включительно.
home-fact-record = сертификат — это электронная запись с номером (как медицинский полис или СНИЛС);
home-fact-once = выдаётся один раз каждому ребёнку от 5 до 17 лет включительно;
home-fact-purpose = применяется только на дополнительное образование детей;
home-fact-nominal = имеет номинал — деньги, которыми можно оплатить программы, прошедшие проверку на качество
    и имеющие статус «сертифицированная»;
# «Пушкинская карта» — известная в России карта для молодёжи на билеты в театры и музеи.
home-fact-personal = не обналичивается и не передаётся другим (как Пушкинская карта).
home-login = Войти в личный кабинет
home-who-heading = Кто может получить
home-who = Родитель (законный представитель) — для каждого своего ребёнка от 5 до 17 лет.
    Ребёнок от 14 до 17 лет может получить сертификат сам, из своего личного кабинета.
home-how-heading = Как получить сертификат
# Четыре способа: выделенное начало пункта и его продолжение.
home-way-login-lead = У родителя есть логин и пароль
home-way-login = {" "}от личного кабинета (их выдаёт школа) или
    учётная запись на Госуслугах: войдите, нажмите на своё ФИО в правом верхнем углу, откройте
    «Персональные настройки» и в разделе «Сертификат дополнительного образования» нажмите
    «Получить сертификат».
home-way-no-login-lead = Логина нет
home-way-no-login = : попросите его в школе или детском саду, затем действуйте как
    в первом способе. Можно войти и через Госуслуги.
home-way-teen-lead = Ребёнку 14 лет или больше
home-way-teen = {" "}и у него есть свой логин: он входит сам и
    получает сертификат так же, через «Персональные настройки».
home-way-none-lead = Нет учётной записи ни у родителя, ни у ребёнка
home-way-none = : сертификат оформит
    организация (школа, детский сад, Дворец творчества детей и молодёжи) при записи ребёнка на
    программу дополнительного образования.
home-catalog-link = Каталог программ
home-catalog = {" "}— кружки, секции и студии, которые оплачиваются сертификатом.
home-providers = Организациям:
home-providers-link = заявка в реестр поставщиков
home-demo-heading = Демонстрационные входы
home-demo = Это демонстрационный регион: люди и организации вымышлены. Войдите под любой ролью.
home-demo-who = Кто
home-demo-login = Логин
home-demo-password = Пароль
home-demo-what-for = Для чего

## Вход

login-title = Вход
login-heading = Вход в личный кабинет
login-intro = Введите логин и пароль, которые выдали в школе или детском саду. Если вы входите впервые,
    введите одноразовый пароль с листка — затем сайт попросит придумать свой.
login-submit = Войти
login-or = или
login-esia = Войти через Госуслуги
login-no-login = Нет логина? Его выдаёт школа или детский сад, где учится ребёнок. Если у семьи нет
    учётной записи, сертификат оформит организация при записи ребёнка на программу.
login-esia-title = Вход через Госуслуги

## Пароль

password-title = Пароль
password-heading-first = Придумайте свой пароль
password-heading = Смена пароля
password-first-time = Вы вошли по одноразовому паролю. Чтобы продолжить, придумайте свой пароль: его будете знать
    только вы, сотрудники школы его не видят.
# $n — наименьшая длина пароля.
password-rules = Не короче { $n } { $n ->
        [one] символа
       *[many] символов
    }, не совпадает с логином и не из тех, что все пробуют
    первыми. Удобно взять несколько слов: «волга течёт в каспий».
password-current = Текущий пароль
password-new = Новый пароль
password-repeat = Новый пароль ещё раз
password-submit = Сохранить пароль

## Сообщение (страница с одной фразой)

message-home = На главную

## Персональные настройки

settings-heading = Персональные настройки
settings-profile = Профиль
settings-full-name = ФИО
settings-role = Роль
settings-esia-linked = вход через Госуслуги привязан
settings-esia-how = Чтобы входить и через Госуслуги, выйдите и нажмите «Войти через Госуслуги»: учётная запись
    найдётся по СНИЛС или по ФИО и дате рождения и станет общей.
settings-work-as = Работать как
settings-switch-role = Сменить роль
settings-organization = Организация
settings-org-register = Зарегистрировать ребёнка и выдать сертификат
settings-org-check = Проверить сертификат
settings-org-import = Загрузка учеников и родителей
settings-org-logins = Логины для родителей и учеников
settings-org-tokens = Доступ для систем организации (токены API)
settings-join-link = Присоединиться к организации
settings-join = {" "}— для педагогов и сотрудников, получивших код приглашения.
# Обращение на «ты»: страницу читает ребёнок.
settings-no-data-child = Данные о тебе ещё не попали в реестр. Обратись в школу.
settings-no-children = К вашей учётной записи не привязаны дети. Если это ошибка, обратитесь в школу или детский сад.
# После имени ребёнка.
settings-child-born = , дата рождения: { $date }
settings-certificate = Сертификат
settings-certificate-number = № { $number }
settings-claim = Получить сертификат
settings-claim-age = Получить сертификат самостоятельно можно с 14 лет; до 14 лет его получает родитель.
settings-applications = Мои заявки и записи
# Перед ссылкой на страницу «Уведомления».
settings-notify-intro = О выдаче сертификата, решениях по заявкам, свободном месте из очереди, окончании договора и новом
    одноразовом пароле мы всегда сообщаем на странице
settings-notify-link = «Уведомления»
settings-notify-email = Укажите адрес электронной почты, чтобы получать их и письмом.
settings-notify-email-hint = Например, name@example.ru. Оставьте пустым, чтобы не получать писем.
settings-notify-by-email = Присылать на почту
settings-notify-save = Сохранить настройки уведомлений
settings-personal-data = Всё, что система хранит о вас и о ваших детях: сведения о человеке, учётная запись,
    согласия, сертификаты и движение средств, заявки и договоры, журнал действий.
settings-personal-data-child = Всё, что система хранит о вас: сведения о человеке, учётная запись,
    согласия, сертификаты и движение средств, заявки и договоры, журнал действий.
settings-personal-data-download = Скачать мои данные
settings-personal-data-view = Посмотреть на странице
settings-password-change = Сменить пароль
settings-sessions = Где выполнен вход
settings-this-device = (это устройство)
settings-logout-everywhere = Выйти на всех устройствах
settings-saved-password = Пароль сохранён. На других устройствах нужно войти заново.
settings-saved-notifications = Настройки уведомлений сохранены.
settings-unknown-device = неизвестное устройство
settings-born-unknown = дата рождения не указана
# Сертификат ребёнка в списке: финансирования (с номиналом) или учёта (GLOSSARY.md).
settings-money-funded = сертификат финансирования: доступно { $available }
settings-money-free = для бесплатных (муниципальных) программ
# $status — «приостановлен» или «закрыт».
settings-certificate-status = сертификат { $status }
settings-child-hidden = Родитель уже получил для тебя сертификат. С 14 лет ты сможешь открыть его здесь сам.
settings-child-held = Данные ребёнка проверяет муниципальный опорный центр: в реестре есть похожий ребёнок. После проверки сертификат можно будет получить.
settings-child-parent-claims = До 14 лет сертификат за тебя получает родитель (законный представитель) в своём личном кабинете.
settings-child-eligible = Может получить сертификат
settings-child-too-young = Сертификат можно будет получить с { $date } (с 5 лет)
settings-child-too-old = Сертификат не выдаётся: ребёнку 18 лет или больше
settings-child-no-birth-date = Укажите дату рождения в школе, чтобы получить сертификат

# Виды уведомлений, флажки «Присылать на почту».
settings-kind-certificate-issued = Выдан сертификат
settings-kind-application-accepted = Заявка принята
settings-kind-application-rejected = Заявка отклонена
settings-kind-waitlist-offer = Освободилось место в группе, где ребёнок в очереди
settings-kind-contract-ending = Договор об обучении скоро заканчивается
settings-kind-password-reissued = Выдан новый одноразовый пароль

## Сертификат

certificate-title = Сертификат № { $number }
certificate-issued-now = Сертификат получен.
certificate-number-is = Номер сертификата:
certificate-funded-money = Сертификат финансирования: на нём { $available } на оплату сертифицированных программ
# Продолжение предыдущей фразы, если известен конец периода.
certificate-funded-until = {" "}до { $date } — что не потрачено к этому дню, не переносится
certificate-free-now = Сейчас это сертификат для бесплатных (муниципальных) программ: все сертификаты с номиналом в муниципалитете
    на этот период уже выданы. Когда место освободится, сертификат получит номинал в порядке очереди — мы покажем это здесь.
# Перед ссылкой на каталог; после неё — certificate-next-enrol.
certificate-next = Что дальше: выберите кружок или секцию в
certificate-next-catalog = каталоге программ
certificate-next-enrol = {" "}и запишитесь —
    номер сертификата вводить не нужно, он уже привязан к ребёнку.
certificate-status-changed = Статус сертификата изменён: { $status }.
certificate-child = Ребёнок
# После имени ребёнка.
certificate-child-born = , дата рождения { $date }
certificate-period = Период
# Период действия номинала: «2026 год (1 января 2026 — 31 декабря 2026)».
certificate-period-value = { $year } год ({ $from } — { $to })
certificate-nominal = Номинал
certificate-statement = Выписка из реестра (PDF)
certificate-no-movements = Движений пока не было.
certificate-reason = Причина
certificate-by = Кто
certificate-by-system = система
certificate-consent-version = редакция { $version }
certificate-scan-attached = скан приложен
certificate-status-heading = Статус сертификата
certificate-action = Действие
certificate-suspend = Приостановить
certificate-resume = Возобновить
certificate-close = Закрыть
certificate-reason-for-parents = Причина (увидят родители)
certificate-confirm-close = Понимаю, что закрытие необратимо (нужно только для «Закрыть»)
certificate-change-status = Изменить статус
# ОВЗ — ограниченные возможности здоровья; ПМПК — психолого-медико-педагогическая комиссия.
certificate-disability-heading = Ребёнок с ОВЗ
certificate-disability-note = Если в периоде установлен повышенный номинал для детей с ограниченными возможностями здоровья,
    сертификат с номиналом сразу получит разницу. Снятие отметки уже начисленного не отнимает.
certificate-disability = У ребёнка ОВЗ (есть заключение ПМПК)
certificate-disability-basis = Основание: номер и дата заключения ПМПК
certificate-save = Сохранить
certificate-disability-saved = Сведения об ОВЗ сохранены.
certificate-disability-topped-up = Сведения об ОВЗ сохранены. Сертификату доначислен номинал: { $amount }.
certificate-confirm-close-error = Закрытие сертификата необратимо: отметьте, что вы это понимаете, и нажмите ещё раз
certificate-choose-action = Выберите действие
certificate-refused-title = Сертификат
certificate-refused = Не получилось
certificate-not-your-child = Такого ребёнка нет среди ваших детей.
# Ограничение частоты: «Слишком много попыток получить сертификат. Подождите …».
certificate-too-many-claims = Слишком много попыток получить сертификат

## Получение сертификата

claim-for-you = Сертификат дополнительного образования для тебя
claim-for-child = Сертификат дополнительного образования для ребёнка
claim-consent-heading = Согласие на обработку персональных данных
# Показывается только на нерусских страницах, над текстом согласия.
claim-consent-in-russian = Текст согласия приводится на русском языке: именно он имеет юридическую силу.
claim-consent-version = Редакция согласия от { $version }.
claim-municipality = Где живёт ребёнок (муниципалитет)
claim-choose = — выберите —
claim-consent = Я прочитал(а) текст выше и даю согласие на обработку персональных данных
claim-back = Вернуться без получения
claim-help = Что даёт сертификат, что такое номинал и как записаться на программу —
claim-help-link = в помощи

## Регистрация ребёнка в организации (вариант 4)

register-heading = Регистрация ребёнка и выдача сертификата
register-open = открыть
register-another = Зарегистрировать ещё одного ребёнка
register-lead = Для семьи без личного кабинета: сертификат выдаётся сразу, по подписанному родителем бумажному согласию
    на обработку персональных данных. Когда родитель войдёт в личный кабинет (по логину из школы или через Госуслуги),
    ребёнок найдётся в реестре и будет привязан к нему — второго сертификата не появится.
register-check-fields = Проверьте отмеченные поля: ничего не сохранено.
register-middle-name = Отчество (если есть)
register-birth-date = Дата рождения (ДД.ММ.ГГГГ)
register-snils = СНИЛС ребёнка, если известен
register-phone = Телефон
register-phone-or-email = Нужен телефон или электронная почта.
register-consent = Согласие родителя на обработку персональных данных
register-scan = Скан подписанного согласия (PDF, JPEG или PNG, до 5 МБ)
register-paper-consent = Подписанное родителем согласие хранится в организации
register-submit = Зарегистрировать и выдать сертификат
# Итог регистрации: заголовок (после него страница ставит точку) и пояснение.
register-issued = Сертификат выдан
register-issued-funded = Сертификат финансирования: доступно { $available }. Запись на программу можно продолжать.
register-issued-free = Сертификат для бесплатных (муниципальных) программ: места с номиналом в муниципалитете на этот период закончились. Запись на бесплатные программы можно продолжать.
register-existing = У ребёнка уже есть сертификат
register-existing-number = Новый сертификат не нужен: ребёнок найден в реестре. Продолжайте запись с этим номером.
register-existing-ask = Новый сертификат не нужен: ребёнок найден в реестре. Номер сертификата знает семья — попросите его и проверьте в разделе «Проверить сертификат».
register-held = Нужна проверка
register-held-text = Сертификат пока не выдан. В реестре есть похожий ребёнок: те же фамилия, имя и дата рождения, но отчество, СНИЛС или написание ё/е отличаются. Муниципальный опорный центр проверит, один ли это ребёнок; после его решения зарегистрируйте ребёнка ещё раз — сертификат будет выдан или найден уже выданный.

## Проверка сертификата

check-heading = Проверка сертификата
check-intro = Введите номер, который назвала семья: сайт покажет, действует ли сертификат и сколько на нём доступно.
check-number-label = Номер сертификата
check-submit = Проверить
check-number = Номер
# После статуса сертификата.
check-valid = {" "}— можно записывать
check-not-valid = {" "}— записывать нельзя

## Присоединиться к организации

join-intro = Если вы работаете в школе, детском саду или другой организации, её администратор выдаёт код приглашения.
    Введите его: после подтверждения администратором у вас появится роль сотрудника.
join-code = Код приглашения
join-submit = Отправить

## Токены API организации

tokens-heading = Доступ для систем организации
tokens-intro = Токен позволяет системе вашей организации (учётной, школьной) работать с API от имени
    сотрудника организации — не больше. Токен показывается один раз; храните его как пароль.
    Отозванный токен перестаёт работать сразу.
tokens-new = Новый токен (скопируйте сейчас, больше он не будет показан):
tokens-name = Для какой системы
tokens-create = Выпустить токен
tokens-system = Система
tokens-created = Выпущен
tokens-state = Состояние
tokens-revoked = отозван { $date }
tokens-active = действует
tokens-revoke = Отозвать

## Уведомления

notifications-intro = Здесь всё, что мы сообщали вам: о сертификате, заявках, свободных местах, договорах и паролях.
# Перед ссылкой на настройки.
notifications-choose = Какие из них присылать и на почту, можно выбрать в
notifications-settings-link = «Персональных настройках»
notifications-none = Уведомлений пока нет.
notifications-new = новое
notifications-open = Открыть
notifications-truncated = Показаны последние { $n }.

## Мои персональные данные

# $date — когда сделана выгрузка: «24 ноября 2026, 14:05».
personal-data-intro = Всё, что система хранит о вас и о детях, законным представителем которых вы указаны, на { $date }.
personal-data-no-passwords = Пароли и коды не показываются: система хранит только их необратимые хэши.
personal-data-download = Скачать файл (JSON)
personal-data-you = Вы
personal-data-child = Ребёнок: { $name }
personal-data-middle-name = Отчество
personal-data-birth-date = Дата рождения
personal-data-snils = СНИЛС
personal-data-email = Эл. почта
personal-data-disability = ОВЗ, основание
personal-data-schools = Школа, детский сад
# С какого времени: «(с 1 сентября 2026, 09:00)».
personal-data-since = (с { $date })
# Кто дал согласие: $who — «вы», «сам ребёнок (с 14 лет)», «другой законный представитель».
personal-data-consent-given-by = дал(а) { $who }
personal-data-by-you = вы
personal-data-by-the-child = сам ребёнок (с 14 лет)
personal-data-by-another-guardian = другой законный представитель
personal-data-by-staff = сотрудник
personal-data-consent-certificate = сертификат № { $number }
personal-data-consent-scan = скан «{ $file }»
personal-data-nominal = Номинал на { $year } год: { $amount }
personal-data-applications = Заявки и договоры
personal-data-group = Группа
personal-data-applied = Заявка подана
personal-data-contract = Договор
personal-data-contract-dates = с { $from } по { $to }
# После дат договора; $date — когда принят, или «—».
personal-data-contract-accepted = ; принят { $date }
personal-data-price = Цена в месяц
personal-data-price-value = { $price }, из них по сертификату { $covered }
personal-data-contract-hold = Резерв по договору
personal-data-month = Месяц
personal-data-days = Дней
personal-data-attended = Занятий посещено
personal-data-charged = Начислено
# «12 из 20» (дней, занятий).
personal-data-of = { $part } из { $whole }
personal-data-reversed = (сторнировано)
personal-data-account = Учётная запись
personal-data-created = Создана
personal-data-password-set = задан
personal-data-password-changed = , изменён { $date }
personal-data-password-not-set = не задан
personal-data-one-time-password = Одноразовый пароль
personal-data-one-time-password-value = выдан { $issued }, действует до { $until }
personal-data-esia-linked = привязаны { $date } (идентификатор { $id })
personal-data-roles = Роли
personal-data-sessions = Сеансы
personal-data-via-esia = (через Госуслуги)
personal-data-tokens = Токены API
personal-data-token-issued = выдан { $date }
personal-data-consultations = Ваши сообщения в консультациях
personal-data-log = Журнал действий
personal-data-notifications = Уведомления
personal-data-opt-outs-none = Письма приходят обо всех событиях, о которых система сообщает.
personal-data-opt-outs = Письма, от которых вы отказались: { $kinds }.
personal-data-unread = не прочитано
personal-data-log-note = Записи о вас и ваших детях: когда, что и кто — вы, система или роль сотрудника (имена сотрудников не показываются).
personal-data-changes = Изменения

# Статусы заявок.
personal-data-application-waitlisted = в листе ожидания
personal-data-application-offered = предложено место
personal-data-application-pending = на рассмотрении у организации
personal-data-application-enrolled = зачислен
personal-data-application-rejected = отклонена
personal-data-application-withdrawn = отозвана
personal-data-application-offer-lapsed = предложение истекло
personal-data-application-ended = обучение завершено

# Статусы консультаций.
personal-data-consultation-open = ждёт ответа
personal-data-consultation-answered = есть ответ
personal-data-consultation-closed = закрыта

# Отказы входа и смены пароля (тексты сценариев auth, в языке страницы).
login-error-invalid = Неверный логин или пароль
login-error-throttled = Слишком много неудачных попыток входа: попробуйте снова через { $n } мин.
login-error-change-password = Сначала войдите на сайте и задайте свой пароль вместо одноразового
password-error-wrong-current = Текущий пароль введён неверно
password-error-mismatch = Пароли не совпадают
password-error-too-short = Пароль должен быть не короче { $n } символов
password-error-too-long = Пароль слишком длинный: не больше { $n } символов
password-error-contains-login = Пароль не должен совпадать с логином или содержать его
password-error-common = Этот пароль слишком распространён, его легко подобрать: придумайте другой

# Отказы кабинета (crates/web/src/refusal/cabinet.rs): слово в слово тексты ошибок сценариев.

## ClaimError
refusal-claim-not-found = Ребёнок не найден среди ваших детей
refusal-claim-not-guardian = Получить сертификат в личном кабинете может родитель (законный представитель) или сам ребёнок с 14 лет
refusal-claim-self-claim-under-14 = До 14 лет сертификат получает родитель (законный представитель); самостоятельно — с { $date }
refusal-claim-consent-required = Нужно согласие на обработку персональных данных
# Eligibility: возраст ребёнка (R03).
refusal-claim-age-eligible = Ребёнок может получить сертификат
refusal-claim-age-too-young = Сертификат выдаётся с 5 лет: получить его можно будет с { $date }
refusal-claim-age-too-old = Сертификат выдаётся детям до 18 лет: ребёнку уже исполнилось 18
refusal-claim-no-birth-date = Дата рождения ребёнка не указана: обратитесь в школу или детский сад
refusal-claim-possible-duplicate = В реестре уже есть похожий ребёнок; муниципальный опорный центр проверит данные, после этого сертификат можно будет получить
refusal-claim-municipality-required = Укажите муниципалитет, в котором живёт ребёнок

## ViewError
refusal-view-not-found = Сертификат с таким номером не найден

## CheckError
refusal-check-forbidden = Проверить сертификат может сотрудник организации
refusal-check-not-found = Сертификат с таким номером не найден

## ManageError
refusal-manage-not-found = Сертификат с таким номером не найден
refusal-manage-forbidden = Менять статус сертификата может муниципальный опорный центр
refusal-manage-reason-required = Укажите причину
# $status — статус сертификата: «действует», «приостановлен», «закрыт».
refusal-manage-already-there = Сертификат уже { $status }

## DisabilityError
refusal-disability-not-found = Сертификат с таким номером не найден
refusal-disability-forbidden = Сведения об ОВЗ вносит муниципальный опорный центр
refusal-disability-basis-required = Укажите основание: номер и дату заключения ПМПК (не длиннее 300 знаков)

## ApplyError
refusal-apply-not-your-child = Ребёнок не найден среди ваших детей
refusal-apply-forbidden = Записать ребёнка может родитель (законный представитель) или сам ребёнок с 14 лет
refusal-apply-no-such-group = Группа не найдена
refusal-apply-not-listed = Программа сейчас не принимает записей: она не сертифицирована или организация приостановлена
refusal-apply-closed = Запись в эту группу закрыта
# $ages — возраст программы из catalog-ages: «от 7 до 12 лет».
refusal-apply-wrong-age = Программа для детей { $ages }: по возрасту ребёнок не подходит
refusal-apply-no-certificate = Нужен сертификат дополнительного образования: получите его в «Персональных настройках»
# $status — «приостановлен» или «закрыт».
refusal-apply-certificate-inactive = Сертификат не действует: { $status }
refusal-apply-insufficient = На сертификате не хватает средств: нужно { $needed }, доступно { $available }
refusal-apply-already-applied = Ребёнок уже записан в эту группу или ждёт в ней места
refusal-apply-contract-not-accepted = Чтобы записаться, примите условия договора (оферты)

## DecideError
refusal-decide-not-found = Заявка не найдена
refusal-decide-stale = Заявку уже изменили: обновите страницу
refusal-decide-reason-missing = Напишите причину отказа: семья увидит её
refusal-decide-leave-date = Дата ухода — не раньше { $earliest } и не позже окончания договора { $latest }

## ApplicationTransitionError
# $status — статус заявки (personal-data-application-…), $action — одно из действий ниже.
refusal-application-transition = Заявку со статусом «{ $status }» нельзя { $action }
refusal-application-transition-offer = предложить место
refusal-application-transition-take-offer = подтвердить
refusal-application-transition-lapse-offer = считать истёкшей
refusal-application-transition-accept = принять
refusal-application-transition-reject = отклонить
refusal-application-transition-withdraw = отозвать
refusal-application-transition-end = завершить

## KeyReused
refusal-key-reused = Этот ключ идемпотентности (Idempotency-Key) уже использован для другого запроса: для нового запроса нужен новый ключ

## KeyError
refusal-key-empty = Ключ идемпотентности (Idempotency-Key) пуст
refusal-key-too-long = Ключ идемпотентности (Idempotency-Key) длиннее { $n } { $n ->
        [one] символа
       *[other] символов
    }
refusal-key-not-printable = Ключ идемпотентности (Idempotency-Key) может состоять только из печатных символов ASCII

## RegisterError
refusal-register-forbidden = Регистрировать детей могут сотрудники организации
refusal-register-wrong-kind = Выдать сертификат при записи может школа, детский сад или дворец творчества (ДТДМ); другим организациям семья показывает уже полученный сертификат

## ConsultationError
refusal-consultation-forbidden = Вопросы в МОЦ задают сотрудники организации, отвечает оператор МОЦ
refusal-consultation-not-found = Вопрос не найден
refusal-consultation-closed = Вопрос закрыт: задайте новый

## LoginsError
refusal-logins-forbidden = Выдавать логины могут только сотрудники организации
refusal-logins-not-found = Этот человек не относится к вашей организации
refusal-logins-too-young = Ученику нет 14 лет: логин получает родитель

## EsiaError
refusal-esia-not-configured = Вход через Госуслуги не настроен
refusal-esia-unavailable = Госуслуги сейчас недоступны: попробуйте позже или войдите по логину
refusal-esia-rejected = Вход через Госуслуги не завершён: начните заново
refusal-esia-no-name = Госуслуги не передали ФИО: вход невозможен

## What each demo login is for (the demo seeds these words in Russian; pages/home.rs)
home-demo-for-ivanova = Родитель ребёнка 9 лет без сертификата: получить сертификат (вариант 1)
home-demo-for-smirnov = Родитель ребёнка младше 5 лет: видно, с какой даты можно получить сертификат
home-demo-for-kuznetsova = Родитель двоих детей: у сына (12 лет) сертификат уже есть, у дочери (7 лет) — нет
home-demo-for-volkova = Родитель ребёнка, которому скоро 18, и совершеннолетней дочери (не может получить)
home-demo-for-petrov-maksim = Обучающийся 15 лет: получает сертификат сам (вариант 3)
home-demo-for-sokolova-alisa = Обучающаяся 12 лет: сертификат за неё получает родитель
home-demo-for-school = Сотрудник школы (СОШ № 1, Тверь): логины для родителей, зачисление (вариант 4)
home-demo-for-school-admin = Администратор школы (СОШ № 1, Тверь): сотрудники и доступ
home-demo-for-dtdm = Сотрудник ДТДМ: программы, группы, заявки
home-demo-for-moc-tver = Муниципальный опорный центр г. Твери: номинал, сертификация, счета
home-demo-for-rmc = Региональный модельный центр: муниципалитеты и правила региона
home-demo-for-kontrol = Контроль: видит всё в регионе, ничего не меняет
