# Тексты страниц: operator
# Бэк-офис муниципальных опорных центров (МОЦ) и регионального модельного центра (РМЦ),
# а также страницы организации: сотрудники, загрузка учеников, логины, вопросы в МОЦ.

## Общее для страниц бэк-офиса

# aria-label у прокручиваемой таблицы
operator-table = Таблица
operator-forbidden = Нет доступа
operator-not-done = Не сделано
operator-save = Сохранить
operator-choose = — выберите —
operator-check-fields = Проверьте отмеченные поля: ничего не сохранено.
operator-nothing-changed = Ничего не изменилось.
# «3 из 10»: сколько сертификатов с номиналом выдано из скольких
operator-taken-of = { $taken } из { $quota }
# Диапазон дат периода: «1 января 2027 — 31 декабря 2027»
operator-dates = { $from } — { $to }
operator-history = История

## moc.html: главная МОЦ и РМЦ

moc-title-operator = Муниципальный опорный центр
moc-title-region = Региональный модельный центр
moc-queues = Очереди
moc-all-queues = Все очереди на одной странице
moc-dashboard = Панель
moc-reports = Отчёты
moc-audit = Журнал действий
moc-programs = Программы на сертификации
moc-providers = Реестр поставщиков
moc-providers-note = заявки организаций, приостановка и возобновление
moc-duplicates = Возможные дубли детей
moc-billing = Начисления и счета
moc-billing-note = начисление за месяц, утверждение счетов, платёжные поручения
moc-consultations = Консультации
moc-consultations-note = вопросы организаций
moc-find-certificate = Найти сертификат
moc-certificate-number = Номер сертификата
moc-open = Открыть
moc-region = Регион
moc-municipalities = Муниципалитеты
moc-municipalities-note = опорные центры, их телефоны и операторы
moc-rules = Правила региона
# certifier — moc-certifier-region или moc-certifier-municipal
moc-rules-note = кто сертифицирует программы (сейчас { $certifier }), срок ответа на предложенное место, очереди
moc-certifier-region = региональный модельный центр
moc-certifier-municipal = муниципальные опорные центры
moc-region-reports = Отчёты по региону
moc-region-reports-note = реестры без СНИЛС
moc-audit-note = по всему региону
moc-certified-by-region = Программы региона сертифицирует региональный модельный центр; здесь их можно только смотреть.
moc-periods = Периоды и сертификаты с номиналом
moc-periods-link = Периоды: новый период, номиналы, история изменений
moc-col-year = Год
moc-col-dates = Даты
moc-col-nominal = Номинал
moc-col-funded = Сертификатов с номиналом: выдано из
moc-col-waiting = Ждут номинала
# Номинал периода, разный по возрасту: «от 5 000,00 ₽, по возрасту»
moc-nominal-from = от { $amount }, по возрасту
moc-only-back-office = эта страница — для муниципального опорного центра

## duplicates.html: возможные дубли детей

duplicates-title = Возможные дубли детей
duplicates-intro =
    Ребёнок с теми же ФИО и датой рождения уже есть в реестре, но СНИЛС другой или фамилия и имя написаны по-другому
    (ё/е). Система ничего не объединяет сама: решите, один это ребёнок или разные. Пока случай не решён, сертификат
    для второй записи не выдаётся.
duplicates-none = Открытых случаев нет.
duplicates-municipality = Муниципалитет: { $name }
duplicates-col-facts = Сведения
duplicates-col-existing = Уже в реестре
duplicates-col-claimed = Новая запись
duplicates-name = ФИО
duplicates-born = Дата рождения
duplicates-snils = СНИЛС
duplicates-parents = Родители
duplicates-certificate = Сертификат
duplicates-same = Это один ребёнок — объединить
duplicates-different = Это разные дети
duplicates-snils-none = не указан
duplicates-certificate-none = нет
duplicates-municipality-none = не указан
duplicates-saved = Решение сохранено.
duplicates-no-decision = Решение не выбрано
duplicates-no-decision-text = Выберите решение: один это ребёнок или разные.
duplicates-not-found = Случай не найден
# Откуда вторая запись
duplicates-source-esia = вход через Госуслуги
duplicates-source-organization = регистрация в организации
duplicates-source-import = загрузка списка школы
duplicates-source-application = заявление

## audit.html: журнал действий

audit-title = Журнал действий
# Между двумя частями — команда «dopcert verify»
audit-intro-1 =
    Каждое изменение в системе: кто, когда, с какого адреса, что было и что стало. Журнал только дополняется;
    каждая запись хранит хеш предыдущей, и
audit-intro-2 = проверяет всю цепочку.
audit-scope-municipality = Здесь записи вашего муниципалитета.
audit-login = Кто (логин)
audit-certificate = Номер сертификата
audit-inn = Организация (ИНН)
audit-from = С
audit-to = По
audit-person-only = Только записи о выбранном человеке.
audit-reset = Сбросить
audit-find = Найти
audit-none = Записей не найдено.
audit-col-when = Когда (МСК)
audit-col-who = Кто
audit-col-action = Действие
audit-col-changes = Было → стало
audit-col-seq = № в цепочке
audit-person-all = все записи о человеке
audit-earlier = Раньше
audit-system = система (команда или расписание)
audit-not-chained = ещё не в цепочке
# Номинал для детей с ОВЗ в строке номиналов: «5–6 лет: 5 000,00 ₽, с ОВЗ 8 000,00 ₽»
audit-with-disability = с ОВЗ { $amount }
audit-role-parent = Родитель (законный представитель)
audit-role-child = Обучающийся
audit-role-organization-staff = Сотрудник организации
audit-role-organization-admin = Администратор организации
audit-role-municipal-operator = Муниципальный опорный центр
audit-role-regional-admin = Региональный модельный центр
audit-role-auditor = Контроль (только просмотр)
audit-role-unknown = роль
# Поля записей журнала: «было → стало»
audit-field-status = статус
audit-field-reason = причина
audit-field-year = год
audit-field-starts-on = начало
audit-field-ends-on = конец
audit-field-nominals = номиналы
audit-field-funded-quota = сертификатов с номиналом
audit-field-funded-count = выдано с номиналом
audit-field-funded = с номиналом
audit-field-upgraded = получили номинал сейчас
audit-field-disability = ОВЗ
audit-field-topped-up = доначислено
audit-field-available = доступно

# Действия в журнале (названия из dopcert_app::audit::ACTIONS)
audit-action-application-apply = Заявка на запись
audit-action-application-decide = Решение по заявке
audit-action-application-withdraw = Заявка отозвана семьёй
audit-action-application-take-offer = Предложенное место принято
audit-action-application-leave = Окончание обучения
audit-action-billing-run = Начисление за месяц
audit-action-invoice-approve = Счёт утверждён
audit-action-invoice-export = Платёжные поручения выгружены
audit-action-charge-reverse = Начисление сторнировано
audit-action-attendance-save = Табель посещаемости сохранён
audit-action-period-open = Период открыт
audit-action-period-close = Период закрыт
audit-action-application-lapse = Предложенное место не принято вовремя
audit-action-certificate-issue = Сертификат выдан
audit-action-certificate-suspend = Сертификат приостановлен
audit-action-certificate-resume = Сертификат возобновлён
audit-action-certificate-close = Сертификат закрыт
audit-action-period-set-quota = Изменено число сертификатов с номиналом
audit-action-period-create = Установлен период
audit-action-period-set-nominals = Изменены номиналы периода
audit-action-period-fund-waiting = Номинал выдан ожидавшим сертификатам
audit-action-person-set-disability = Изменены сведения об ОВЗ ребёнка
audit-action-duplicate-hold = Ребёнок отложен до проверки возможного дубля
audit-action-duplicate-resolve = Решение по возможному дублю
audit-action-lottery-draw = Жеребьёвка проведена
audit-action-program-create = Программа создана
audit-action-program-edit = Программа изменена
audit-action-program-submit = Программа отправлена на сертификацию
audit-action-program-certify = Программа сертифицирована
audit-action-program-return = Программа возвращена на доработку
audit-action-program-expire = Срок сертификации программы истёк
audit-action-program-remind = Напоминание о конце сертификации
audit-action-module-add = Модуль добавлен
audit-action-module-edit = Модуль изменён
audit-action-module-delete = Модуль удалён
audit-action-group-add = Группа добавлена
audit-action-group-edit = Группа изменена
audit-action-group-delete = Группа удалена
audit-action-photo-add = Фотография добавлена
audit-action-photo-delete = Фотография удалена
audit-action-setting-change = Настройка изменена
audit-action-mail-retry = Письмо отправлено повторно
audit-action-provider-apply = Заявка организации в реестр
audit-action-provider-decide = Статус организации в реестре изменён
audit-action-organization-details = Реквизиты организации изменены
audit-action-staff-invite = Сотрудник приглашён
audit-action-staff-join = Запрос на вступление в организацию
audit-action-staff-approve = Сотрудник принят в организацию
audit-action-staff-reject = Запрос сотрудника отклонён
audit-action-staff-revoke = Сотрудник отключён от организации
audit-action-import-commit = Список учеников загружен в реестр
audit-action-login-issue = Выданы логин и одноразовый пароль
audit-action-api-token-create = Выдан токен для системы организации
audit-action-api-token-revoke = Токен для системы организации отозван
audit-action-account-set-password = Пароль изменён
audit-action-account-logout-everywhere = Выход на всех устройствах
audit-action-account-switch-role = Смена роли
audit-action-account-link-esia = Вход через Госуслуги: учётная запись и дети
audit-action-consultation-ask = Вопрос в МОЦ задан
audit-action-consultation-reply = Ответ в консультации
audit-action-consultation-close = Консультация закрыта
audit-action-municipality-add = Муниципалитет добавлен
audit-action-municipality-edit = Муниципалитет изменён
audit-action-operator-add = Оператор МОЦ добавлен, выдан одноразовый пароль
audit-action-operator-withdraw = Роль оператора МОЦ отозвана
audit-action-personal-data-download = Выгрузка своих персональных данных
audit-action-person-anonymize = Сведения о человеке обезличены: срок хранения истёк

## periods.html, period.html, period_groups.html: периоды и номиналы

periods-title = Периоды
periods-intro =
    Период — год, на который муниципалитет устанавливает номиналы сертификатов и число сертификатов с номиналом.
    Что не потрачено к концу периода, не переносится.
periods-none = Периодов пока нет.
periods-col-year = Год
periods-col-dates = Даты
periods-col-state = Состояние
periods-col-nominals = Номиналы
periods-col-funded = С номиналом: выдано из
periods-col-waiting = Ждут номинала
periods-new = Новый период
periods-year = Год
periods-starts-on = Начало
periods-ends-on = Конец (включительно)
periods-nominals-legend = Номиналы по возрасту ребёнка (возраст — на день, когда сертификат получает номинал)
periods-create = Установить период
period-all = Все периоды
# Заголовок страницы периода: «Период 2027 года»
period-title = Период { $year } года
period-dates = Даты
period-state = Состояние
period-nominals = Номиналы
period-funded = Сертификатов с номиналом
# «выдано 3 из 10»
period-taken-of = выдано { $taken } из { $quota }
period-waiting = Ждут номинала
period-save-nominals = Сохранить номиналы
period-started = Период уже начался: по его номиналам начислены деньги, номиналы не меняются.
period-quota-label = Число сертификатов с номиналом
period-quota-note =
    Увеличение сразу отдаёт номинал ожидающим — в порядке получения сертификатов. Уменьшение не отнимает
    уже выданного: новые сертификаты будут без номинала, пока выданных больше нового числа.
period-over = Период закончился: число не меняется.
period-no-history = Изменений пока не было.
period-col-when = Когда
period-col-who = Кто
period-col-what = Что
period-groups-age = Возраст
period-groups-nominal = Номинал на период, ₽
period-groups-disability = Для детей с ОВЗ, ₽ (если выше)
# ages — возрастная группа: «5–6 лет»
period-groups-nominal-for = Номинал для { $ages }
period-groups-disability-for = Номинал для детей с ОВЗ, { $ages }
# Конец возрастной группы «5–6 лет»: «6 лет» (начало «5–» ставит страница)
period-age-to = { $n } { $n ->
    [one] год
    [few] года
   *[many] лет
}
period-one-nominal = { $amount } для всех возрастов
period-nominal-disability = { $ages }: { $amount } (с ОВЗ { $disability })
period-nominal = { $ages }: { $amount }
period-state-closed = закрыт, остатки списаны
period-state-over = закончился
period-state-future = ещё не начался
period-state-running = идёт
period-not-found = Период не найден
period-not-saved = Не сохранено
period-nominal-typo = Номинал для { $ages } — сумма в рублях, например 7000 или 7 000,50
period-year-typo = Год — четыре цифры, например 2027
period-start-typo = Начало периода — дата, например 01.01.{ $year }
period-end-typo = Конец периода — дата, например 01.01.{ $year }
period-quota-typo = Число сертификатов с номиналом — целое число, например 1200
period-created = Период установлен.
period-nominals-changed = Номиналы изменены.
period-quota-changed = Число сертификатов с номиналом изменено. Получили номинал: { $n }.
period-quota-below = Выдано больше, чем новое число: выданное не отнимается, новые сертификаты будут без номинала, пока выданных не станет меньше.

## providers.html, provider.html: реестр поставщиков (МОЦ)

providers-tabs = Поставщики по статусу
providers-none = Таких организаций нет.
providers-col-organization = Организация
providers-col-kind = Тип
providers-col-inn = ИНН
providers-col-municipality = Муниципалитет
provider-activated = Организация включена в реестр.
provider-pass-login = Передайте руководителю логин и одноразовый пароль (пароль показан один раз; действует 30 дней):
provider-login = Логин:
provider-one-time-password = одноразовый пароль:
provider-status = Статус
provider-full-name = Полное наименование
provider-kind = Тип
provider-inn-ogrn = ИНН / ОГРН
provider-licence = Лицензия
provider-licence-none = не указана
provider-address = Адрес
provider-head = Руководитель
provider-contacts = Контакты
provider-bank = Банк
provider-bank-none = не указан
provider-bik = БИК { $bik }
# р/с — расчётный счёт
provider-account = р/с { $account }
provider-reason = Причина (организация увидит её)
provider-reissue = Выдать администратору организации новый одноразовый пароль
provider-not-found = Организация не найдена
# Кто подал заявку (в истории организации, когда это не сотрудник МОЦ)
provider-applicant = заявитель
provider-decided = Решение записано в историю организации.
# События в истории организации
provider-event-applied = Заявка подана
provider-event-verified = Документы проверены
provider-event-activated = Включена в реестр: работает
provider-event-suspended = Приостановлена
provider-event-resumed = Возобновлена
provider-event-details = Изменены реквизиты
provider-event-other = Событие
# Кнопки решений МОЦ
provider-action-verify = Документы проверены
provider-action-activate = Включить в реестр и выдать логин руководителю
provider-action-suspend = Приостановить
provider-action-resume = Возобновить
# Статусы в реестре
provider-status-applied = заявка подана
provider-status-verified = документы проверены
provider-status-active = работает
provider-status-suspended = приостановлена
# Типы организаций
provider-kind-school = Школа
provider-kind-kindergarten = Детский сад
provider-kind-creativity-center = Учреждение дополнительного образования
provider-kind-sport-school = Спортивная школа
provider-kind-private-organization = Частная организация
provider-kind-sole-entrepreneur = Индивидуальный предприниматель

## provider_form.html: заявка в реестр и реквизиты организации

provider-form-application-title = Заявка в реестр поставщиков
provider-form-application-heading = Заявка в реестр поставщиков образовательных услуг
provider-form-application-lead =
    Для школ, детских садов, учреждений дополнительного образования, спортивных школ, частных организаций и
    индивидуальных предпринимателей, которые хотят вести программы, оплачиваемые сертификатом. Муниципальный опорный
    центр проверит документы; после этого руководитель получит логин администратора организации.
provider-form-details = Реквизиты организации
# Перед статусом организации: «В реестре: работает.»
provider-form-in-register = В реестре:
provider-form-details-note = По этим реквизитам формируются платёжные поручения: БИК и счёт проверяются по контрольному ключу.
provider-form-organization = Организация
provider-form-short-name = Краткое наименование
provider-form-inn = ИНН
provider-form-ogrn = ОГРН (ОГРНИП)
provider-form-municipality = Муниципалитет
provider-form-head = Руководитель (ФИО) — получит логин администратора
provider-form-licence-contacts = Лицензия и контакты
provider-form-licence = Номер лицензии на образовательную деятельность (ИП без наёмных педагогов — не нужна)
provider-form-phone = Телефон
provider-form-email = Электронная почта
provider-form-bank-details = Банковские реквизиты
provider-form-bik = БИК
provider-form-account = Расчётный счёт
provider-form-apply = Подать заявку
provider-form-applied = Заявка принята: { $name }. Муниципальный опорный центр проверит документы и сообщит по указанным контактам; после этого руководитель получит логин администратора организации.
provider-form-saved = Реквизиты сохранены.

## staff.html: сотрудники организации; присоединение по коду

staff-organization = Организация
staff-title = Сотрудники организации
staff-invitation-for = Приглашение для { $name }: код
staff-invitation-note =
    Код показан один раз и действует 7 дней.
    Сотрудник входит в личный кабинет (логин из школы или через Госуслуги), открывает «Персональные настройки» →
    «Присоединиться к организации» и вводит код; затем вы подтверждаете его здесь.
staff-pending = Ждут подтверждения
staff-pending-person = { $name } (логин { $login })
staff-approve = Подтвердить
staff-reject = Отклонить
staff-members = Сотрудники
staff-col-name = ФИО
staff-col-login = Логин
staff-col-role = Роль
staff-role-admin = администратор
staff-role-staff = сотрудник
staff-revoke = Открепить
staff-revoke-label = Открепить сотрудника: { $name }
staff-invite = Пригласить сотрудника
staff-invite-name = ФИО сотрудника
staff-invite-submit = Получить код приглашения
staff-invitations = Неиспользованные приглашения
staff-invitation-until = до { $until }
staff-join-title = Присоединиться к организации
staff-join-sent = Запрос отправлен в «{ $name }». Когда администратор организации подтвердит его, в «Персональных настройках» появится роль сотрудника.

## import.html: загрузка учеников (организация)

import-title = Загрузка учеников
# «Идёт загрузка: записано 500 из 2 000 строк.» — вторая часть в import-running-rows
import-running = Идёт загрузка: записано { $done } из
import-running-rows = { $n } { $n ->
    [one] строки
   *[other] строк
}
import-running-note =
    Страница обновится сама.
    Если она не меняется дольше пяти минут, загрузите файл снова: пока загрузка не завершена, ничего не сохранено.
import-done-children = Загружено: новых детей { $n }
import-done-updated = обновлено { $n }
import-done-parents = новых родителей { $n }
import-check-file = Проверка файла «{ $file }»
import-new = Новых учеников: { $n }.
import-updated = Обновятся: { $n }.
import-with-problems = Строк с ошибками: { $n }.
import-load-rows = Загрузить { $n } { $n ->
    [one] строку
    [few] строки
   *[many] строк
}
import-fix-errors = Исправьте ошибки в файле и загрузите его снова: пока в файле есть ошибки, ничего не сохраняется.
import-col-line = Строка
import-col-pupil = Ученик
import-col-effect = Что будет
import-col-problems = Ошибки
import-effect-new = новый
import-effect-update = обновится
import-effect-error = ошибка
import-add-one = Добавить одного ученика
import-class = Класс
import-pupil = ФИО ученика
import-birth-date = Дата рождения (ДД.ММ.ГГГГ)
import-snils = СНИЛС ученика, если известен
import-parent = ФИО родителя
import-phone = Телефон родителя
import-email = Email родителя
import-add = Добавить
import-upload = Загрузить файл
# Названия столбцов в «ёлочках» — это формат файла: в английском тексте их оставляем по-русски
import-upload-note =
    Выгрузка из школьной системы в формате XLSX или CSV (UTF-8 или Windows-1251). Столбцы: «Класс»,
    «ФИО ученика», «Дата рождения», «СНИЛС» (если есть), «ФИО родителя», «Телефон», «Email». Сначала
    сайт покажет, что получится, и ничего не сохранит, пока вы не подтвердите.
import-file = Файл со списком
import-check = Проверить файл
import-no-file = Выберите файл со списком учеников (XLSX или CSV)
# Имя файла, когда браузер его не прислал
import-file-unnamed = файл
import-not-added = Ученик не добавлен: { $problems }

## logins.html: логины для родителей и учеников (организация)

logins-title = Логины для родителей и учеников
logins-intro =
    Выдайте логины классу целиком или одному человеку. Сайт создаст лист с логинами и одноразовыми
    паролями для печати: по листку на человека. Одноразовые пароли есть только в этом файле; свои
    пароли люди придумывают сами, и сотрудники их не видят.
logins-no-pupils = Учеников пока нет.
logins-upload-pupils = Загрузите список учеников
logins-classes-label = Классы
logins-classes = Классы:
# «Класс 5А»
logins-class = Класс { $class }
logins-teens = и ученикам от 14 лет
logins-issue-class = Выдать логины классу (PDF)
logins-col-pupil = Ученик
logins-col-whom = Кому выдать
logins-col-state = Состояние
logins-parent = { $name } (родитель)
logins-own = { $name } (сам, 14+)
logins-issue = Выдать или перевыпустить
logins-state-none = логина нет
logins-state-issued = логин { $login } выдан, ещё не входил(а)
logins-state-active = логин { $login }, свой пароль задан
logins-nothing-new = Новых логинов нет: у всех в классе уже есть свой пароль. Перевыпустить пароль можно для одного человека.

## region_municipalities.html, region_municipality.html, region_municipality_fields.html (РМЦ)

municipalities-intro =
    Муниципальные опорные центры региона, их телефоны и операторы. Детей — до 18 лет, живущих в муниципалитете;
    сертификатов — действующих и приостановленных.
municipalities-col-name = Муниципалитет
municipalities-col-code = Код
municipalities-col-center = Опорный центр
municipalities-col-operators = Операторы
municipalities-col-children = Детей
municipalities-col-certificates = Сертификатов
municipalities-no-operators = нет
municipalities-add = Добавить муниципалитет
municipalities-not-added = Проверьте отмеченные поля: муниципалитет не добавлен.
municipality-pass-login = Передайте оператору логин и одноразовый пароль
municipality-pass-login-note =
    (пароль показан один раз и действует 30 дней;
    при первом входе оператор задаст свой пароль):
municipality-login = логин:
municipality-operators = Операторы опорного центра
municipality-no-operators = Операторов нет: добавьте первого ниже.
municipality-col-name = ФИО
municipality-col-login = Логин
municipality-col-sign-in = Вход
municipality-col-since = Оператор с
municipality-new-password = Новый одноразовый пароль
municipality-new-password-label = Новый одноразовый пароль: { $name }
municipality-withdraw = Отозвать роль
municipality-withdraw-label = Отозвать роль оператора: { $name }
municipality-withdraw-note = Отозванная роль закрывает оператору кабинет МОЦ сразу: его сеансы завершаются.
municipality-new-operator = Новый оператор
municipality-operator-name = ФИО оператора
# Пример в пустом поле
municipality-operator-name-example = Смирнова Анна Викторовна
municipality-operator-login = Логин (латиницей; пусто — по фамилии и инициалам)
municipality-create-operator = Создать учётную запись оператора
municipality-details = Сведения о муниципалитете
municipality-field-name = Название
# Пример в пустом поле
municipality-field-name-example = Бежецкий муниципальный округ
municipality-field-code = Код: латиницей, слова через дефис (в отчётах и при загрузке данных)
municipality-field-kind = Вид
municipality-field-phone = Телефон опорного центра
municipality-kind-urban-okrug = Городской округ
municipality-kind-municipal-okrug = Муниципальный округ
municipality-kind-district = Муниципальный район
municipality-kind-zato = ЗАТО
municipality-has-password = задал свой пароль
municipality-no-password = ещё не задал пароль
municipality-not-found = Муниципалитет не найден
municipality-operator-not-found = Оператор не найден
municipality-check-form = Проверьте поля формы
municipality-added = Муниципалитет добавлен. Создайте учётные записи операторов его опорного центра.
municipality-saved = Сведения о муниципалитете сохранены.
municipality-withdrawn = Роль оператора отозвана: его сеансы завершены, кабинет МОЦ ему больше не откроется.

## region_rules.html: правила региона (РМЦ)

rules-certifier = Кто проверяет и сертифицирует программы
rules-certifier-municipality = Муниципальные опорные центры — каждый свои программы
rules-certifier-region = Региональный модельный центр — все программы региона
rules-enrolment = Запись в группы
rules-offer-hours = Сколько часов семья может принять место, освободившееся в группе (от 1 до 336)
rules-offer-note = Место предлагают первому в очереди (после жеребьёвки — по её порядку); не принятое вовремя переходит следующему.
rules-lottery-days = Жеребьёвка по умолчанию: сколько дней собирать заявки в новую группу (0 — запись по очереди; от 0 до 60)
rules-lottery-note = Форма новой группы предложит дату окончания сбора заявок; организация может её изменить или убрать.
rules-queues = Очереди МОЦ
rules-stuck-days = Через сколько дней заявка без решения организации попадает в очередь «Заявки без решения» (от 1 до 60)
rules-save = Сохранить правила
rules-saved = Правила региона сохранены.

## consultations.html, consultation.html: вопросы организаций в МОЦ

consultations-org-title = Вопросы в МОЦ
consultations-org-intro = Вопрос увидит муниципальный опорный центр вашего муниципалитета; ответ придёт сюда же.
consultations-none = Вопросов пока нет.
consultations-col-topic = Тема
consultations-col-organization = Организация
consultations-col-status = Статус
consultations-col-updated = Изменён
consultations-ask = Задать вопрос
consultations-check-form = Проверьте поля формы.
consultations-topic = Тема (от 3 до 200 символов)
consultations-question = Вопрос
consultations-files = Файлы (PDF, JPEG, PNG, DOCX или XLSX; до 3 файлов, каждый до 5 МБ)
consultations-not-found = Вопрос не найден
consultations-status-open = Ждёт ответа
consultations-status-answered = Есть ответ
consultations-status-closed = Закрыт
consultations-too-large = Файлы слишком большие
consultations-too-large-question = Вопрос не отправлен: файлы слишком большие. Приложите не больше 3 файлов, каждый до 5 МБ.
consultations-too-large-reply = Не отправлено: файлы слишком большие. Приложите не больше 3 файлов, каждый до 5 МБ.
# Размер вложения
consultations-size-mb = { $size } МБ
consultations-size-kb = { $size } КБ
# После имени автора: сообщение от оператора МОЦ
consultation-from-moc = (МОЦ)
consultation-add = Дополнить вопрос
consultation-reply = Ответить
consultation-text = Текст
consultation-send = Отправить
consultation-close = Закрыть вопрос

# Неотправленные письма (/region/mail)
mail-title = Неотправленные письма
mail-lead = Письма с уведомлениями, которые почтовый сервер не принял после всех попыток (около 8 часов). Уведомление в личном кабинете человек всё равно видит. Адреса показаны не полностью: по домену видно опечатку или неработающий сервер.
mail-counts = В очереди: { $queued }, отправляется: { $sending }, отправлено за месяц: { $sent }, не отправлено: { $failed }.
mail-none = Неотправленных писем нет.
mail-when = Создано
mail-to = Кому
mail-kind = Уведомление
mail-attempts = Попыток
mail-error = Ответ почтового сервера
mail-retry = Отправить снова
mail-retried = Письмо снова в очереди: его отправят в течение минуты.
mail-gone = Этого письма уже нет среди неотправленных: его отправили снова или удалили.
moc-mail = Неотправленные письма
moc-mail-note = уведомления, которые почтовый сервер не принял

# Отказы бэк-офиса на страницах (crates/web/src/refusal/operator.rs): слово в слово тексты ошибок
# приложения (их Display), с заглавной буквы.

## PeriodError
refusal-period-forbidden = Периоды устанавливает муниципальный опорный центр своего муниципалитета
refusal-period-not-found = Период не найден
refusal-period-quota-out-of-range = Число сертификатов с номиналом — от 0 до 10 000 000
refusal-period-period-over = Период уже закончился: его число сертификатов с номиналом не меняется
refusal-period-started = Период уже начался: по его номиналам начислены деньги, их не изменить
refusal-period-year = Год периода — от 2020 до 2100, и период начинается в этом году
refusal-period-dates-reversed = Период заканчивается раньше, чем начинается
refusal-period-too-long = Период длится не больше года
refusal-period-in-the-past = Период уже закончился бы: новый период должен заканчиваться не раньше сегодняшнего дня
refusal-period-overlaps = Даты пересекаются с периодом { $year } года: периоды муниципалитета не накладываются друг на друга
refusal-period-year-taken = Период на { $year } год уже установлен

## QueueError
refusal-queue-forbidden = Очередь возможных дублей ведёт муниципальный опорный центр
refusal-queue-not-found = Этот случай не найден или уже решён

## QueuesError
refusal-queues-forbidden = Очереди ведут муниципальный опорный центр и региональный модельный центр

## MunicipalityError
refusal-municipality-forbidden = Муниципалитеты и их операторов ведёт региональный модельный центр
refusal-municipality-not-found = Такого муниципалитета в регионе нет
refusal-municipality-operator-not-found = У этого муниципалитета нет такого оператора: возможно, роль уже отозвана

## AuditError
refusal-audit-forbidden = Журнал действий видят операторы МОЦ, региональный модельный центр и контролёры
refusal-audit-bad-query-no-login = Такого логина нет
refusal-audit-bad-query-no-certificate = Сертификата с таким номером нет
refusal-audit-bad-query-no-organization = Организации с таким ИНН нет
refusal-audit-bad-query-from-date = «С»: дата в виде 2026-11-26
refusal-audit-bad-query-to-date = «По»: дата в виде 2026-11-26
refusal-audit-bad-query-off-calendar = Дата вне календаря
refusal-audit-bad-query-dates-reversed = «С» позже, чем «По»

## DashboardError
refusal-dashboard-forbidden = Панель доступна муниципальному опорному центру, региональному модельному центру и контролёрам
refusal-dashboard-not-ready = Панель ещё собирается: обновите страницу через минуту

## ReportError
refusal-report-forbidden = Отчёты доступны муниципальному опорному центру, региональному модельному центру и контролёрам

## OutboxError
refusal-outbox-forbidden = Неотправленные письма региона видит региональный модельный центр
refusal-outbox-gone = Этого письма уже нет среди неотправленных: его отправили снова или удалили

## ImportError
refusal-import-forbidden = Загружать учеников могут только сотрудники организации
refusal-import-too-large = Файл больше 20 МБ: разделите его, например по классам
refusal-import-missing-columns = В файле нет столбцов: { $columns }
refusal-import-not-pending = Этот файл уже загружен или его предпросмотр устарел: загрузите файл заново
refusal-import-has-problems = В файле есть ошибки: исправьте их и загрузите файл заново

## FileError
refusal-file-empty = Файл пустой
refusal-file-xlsx = Файл не прочитан как таблица Excel: { $cause }
refusal-file-csv = Файл не прочитан как CSV: { $cause }

## TokenError
refusal-token-forbidden = Токены для систем организации выдаёт только её администратор
refusal-token-bad-name = Укажите, для какой системы токен (до 100 символов)
refusal-token-not-found = Такого действующего токена нет

## RowProblem: ошибки строки файла учеников (после двоеточия — отказ из forms.ftl)
refusal-row-problem-no-class = Не указан класс
refusal-row-problem-pupil-name = ФИО ученика: { $problem }
refusal-row-problem-age = Возраст ученика { $age } (дата рождения { $written }): проверьте дату
refusal-row-problem-birth-date = Дата рождения: { $problem }
refusal-row-problem-snils = СНИЛС: { $problem }
refusal-row-problem-parent-name = ФИО родителя: { $problem }
refusal-row-problem-phone = Телефон «{ $phone }»: нужно 11 цифр, например +7 900 123-45-67
refusal-row-problem-email = Адрес почты «{ $email }» записан с ошибкой
refusal-row-problem-repeated = Этот ученик уже есть в строке { $first }
refusal-row-problem-other-snils-in-file = В строке { $first } ученик с теми же ФИО и датой рождения, но другим СНИЛС: проверьте
refusal-row-problem-known-with-other-snils = Ребёнок с таким ФИО и датой рождения уже есть с другим СНИЛС: проверьте СНИЛС или обратитесь в МОЦ
refusal-row-problem-several-known = Несколько детей с таким ФИО и датой рождения: укажите СНИЛС
