# Тексты страниц: billing
# Зачисление и оплата (заявки организации, табели, счета, начисления МОЦ), отчёты и панель.
# Документы (PDF и XLSX счетов, платёжные поручения, отчёты XLSX) остаются на русском и
# сюда не входят.

## Общее для страниц оплаты

billing-table = Таблица
billing-not-found = Не найдено
billing-forbidden = Нет доступа
billing-not-done = Не сделано
billing-back-org = Страница организации
billing-back-moc = Муниципальный опорный центр
# «3 из 4»: дни договора в месяце, посещённые занятия из проведённых.
billing-of = { $part } из { $whole }

billing-col-month = Месяц
billing-col-state = Состояние
billing-col-contracts = Договоров
billing-col-total = Сумма
billing-col-started = Начато
billing-col-finished = Закончено
billing-col-number = Номер
billing-col-organization = Организация
billing-col-lines = Строк
billing-col-child = Ребёнок
billing-col-certificate = Сертификат
billing-col-program = Программа и группа
billing-col-days = Дни
billing-col-lessons = Занятия
billing-col-contract-dates = Даты договора
billing-col-per-month = В месяц
billing-col-decision = Решение
billing-col-attended = Посетил занятий

## Заявки на обучение (организация)

billing-applications-title = Заявки на обучение
billing-applications-tabs = Заявки по состоянию
billing-tab-waiting = Ждут решения
billing-tab-enrolled = Обучаются
billing-tab-closed = Завершённые и отклонённые
billing-applications-sheets = Табели посещаемости:
billing-applications-none-new = Новых заявок нет.
billing-applications-none = Таких заявок нет.
# at — дата и время подачи заявки.
billing-applied-on = заявка от { $at }
billing-sheet-link = табель
# amount — сумма в месяц, которую оплачивает сертификат.
billing-covered = по сертификату { $amount }
billing-accept = Принять
billing-reject = Отклонить
billing-reject-reason = Причина отказа (её увидит семья)
billing-last-day = Последний день занятий (ДД.ММ.ГГГГ)
billing-end-reason = Причина
billing-end = Завершить обучение
# until — дата и время, до которых семья может ответить на предложение места.
billing-offer-until = ждёт ответа семьи до { $until }

# Состояния заявки.
billing-status-waitlisted = в листе ожидания
billing-status-offered = предложено место
billing-status-pending = на рассмотрении у организации
billing-status-enrolled = зачислен
billing-status-rejected = отклонена
billing-status-withdrawn = отозвана
billing-status-offer-lapsed = предложение истекло
billing-status-ended = обучение завершено

billing-done-accepted = Ребёнок зачислен: договор действует, семья видит это в своих заявках.
billing-done-rejected = Заявка отклонена; место и деньги сертификата освобождены.
billing-done-ended = Обучение завершено; остаток средств вернулся на сертификат.
billing-choose-decision = Выберите решение: принять или отклонить
billing-last-day-invalid = Последний день занятий — дата в виде ДД.ММ.ГГГГ

## Табель посещаемости

billing-sheet-title = Табель посещаемости
# Заголовок вкладки браузера; group — «программа — группа».
billing-sheet-page-title = Табель: { $group }
billing-sheet-previous = предыдущий месяц
billing-sheet-next = следующий месяц
billing-sheet-closed = За этот месяц уже начислено: табель закрыт и только показан.
billing-sheet-empty = В этом месяце в группе никто не обучается по сертификату.
billing-sheet-note = Если табель за месяц заполнен, оплата считается по посещённым занятиям; если нет — по дням договора.
billing-sheet-lessons = Занятий в месяце по расписанию
billing-sheet-save = Сохранить табель
billing-sheet-saved = Табель сохранён.

## Счета

billing-invoices-title = Счета организации
billing-org-invoices-none = Счетов пока нет. Счёт выставляется после того, как муниципальный опорный центр проведёт начисление за месяц.
billing-invoice-number = № { $number }
billing-invoice-title = Счёт № { $number }
billing-invoice-issued = Выставлен
# at — дата и время.
billing-invoice-approved-at = утверждён { $at }
billing-invoice-exported-at = выгружен { $at }
billing-invoice-total = Итого к оплате
billing-invoice-download = Скачать:
billing-invoice-pdf = PDF для печати
billing-invoice-xlsx = таблица XLSX
billing-invoice-lines = Строки счёта
billing-invoice-lines-none = Строк нет.
billing-approve = Утвердить
# «Сторно» — отмена списания за строку счёта.
billing-reverse = Сторно
billing-reverse-reason = Причина сторно
billing-reversed = сторнировано
# Состояния счёта.
billing-invoice-issued-state = выставлен
billing-invoice-approved-state = утверждён
billing-invoice-exported-state = выгружен в платёжные поручения
billing-done-approved = Счёт утверждён: он войдёт в следующую выгрузку платёжных поручений.
billing-done-reversed = Списание сторнировано: деньги вернулись на сертификат, сумма счёта уменьшилась.

## Начисления и счета (МОЦ)

billing-moc-title = Начисления и счета
billing-run = Начислить за месяц
billing-run-note =
    Начисление списывает с сертификатов оплату за месяц по всем действующим договорам региона — по дням
    договора или по табелю посещаемости — и выставляет каждой организации один счёт. Повторное начисление за тот же
    месяц ничего не списывает дважды.
billing-month-field = Месяц (ГГГГ-ММ)
billing-runs = Начисления
billing-runs-none = Начислений ещё не было.
billing-run-done = завершено
billing-run-going = идёт
billing-invoices = Счета
billing-invoices-none = Счетов нет.
billing-orders = Платёжные поручения
# count — число утверждённых счетов.
billing-orders-approved =
    Утверждённых счетов к выгрузке: { $count }. Выгрузка отмечает их выгруженными; после неё исправления —
    только следующим счётом.
billing-orders-xlsx = Выгрузить платёжные поручения (XLSX)
billing-orders-1c = Выгрузить платёжные поручения (файл для 1С)
billing-orders-none = Утверждённых счетов к выгрузке нет.
billing-exports = Прежние выгрузки
# when — дата и время выгрузки, invoices — billing-export-invoices, total — сумма.
billing-export-summary = { $when }: { $invoices } на { $total }
billing-export-invoices = счетов { $n }
billing-1c-file = файл для 1С
billing-done-run = Начисление выполнено.
# month — «декабрь 2026»; contracts и invoices — числа; total — сумма.
billing-done-run-month = Начисление за { $month } выполнено: договоров — { $contracts }, на сумму { $total }; выставлено счетов — { $invoices }.
billing-done-running = Начисление идёт: обновите страницу, чтобы увидеть, сколько договоров уже обработано. Счета появятся, когда оно закончится.
billing-choose-format = Выберите формат: XLSX или файл для 1С

## Отчёты

reports-title = Отчёты
# scope — reports-scope-region или reports-scope-municipality.
reports-intro =
    Отчёты выгружаются в XLSX ({ $scope }). Большой отчёт
    собирается по мере чтения и отдаётся файлом, не дожидаясь конца в памяти сервера.
reports-scope-region = весь регион
reports-scope-municipality = ваш муниципалитет
reports-certificates = Реестр сертификатов
reports-certificates-with-snils = номер, ребёнок, СНИЛС, муниципалитет, статус, как и когда выдан, остаток и резерв.
reports-certificates-without-snils = номер, ребёнок, без СНИЛС, муниципалитет, статус, как и когда выдан, остаток и резерв.
reports-programs = Реестр сертифицированных программ
reports-programs-columns =
    организация, направленность,
    возраст, срок сертификации, группы и места.
reports-enrollments = Зачисления по организациям
reports-enrollments-columns =
    обучаются, ждут решения, в листе
    ожидания, закончили.
reports-money = Деньги по поставщикам и месяцам
reports-money-columns =
    договоров и сумма начисленного
    (без сторнированного).
reports-prepared = Подготовленные отчёты
reports-prepared-note = Большой отчёт собирается на сервере; готовый файл можно скачать один раз в течение часа.
# title — название отчёта, started — когда его запросили.
reports-prepared-item = { $title }, запрошен { $started }:
reports-download = Скачать
reports-state-building = собирается — обновите страницу через минуту
reports-state-ready = готов
reports-state-failed = не удалось собрать: попробуйте ещё раз
reports-forbidden = Нет доступа
reports-registry-busy = Реестр сертификатов уже собирается
reports-registry-building = Реестр сертификатов собирается
reports-preparing-text = Отчёт большой: он собирается на сервере и появится на странице «Отчёты» (/moc/reports) со ссылкой «Скачать». Обычно это занимает одну-две минуты; файл ждёт там час.
reports-gone = Отчёта нет
reports-gone-text = Такого готового отчёта нет: его уже скачали, он не собрался или прошёл час. Запросите его снова на странице «Отчёты».

## Панель

# scope — муниципалитет или регион.
dashboard-title = Панель: { $scope }
# at — дата и время, every — dashboard-every-minutes.
dashboard-as-of = Данные на { $at } (время московское); панель пересчитывается раз в { $every }.
dashboard-every-minutes = { $n } { $n ->
    [one] минуту
    [few] минуты
   *[many] минут
}
dashboard-regional-note = Весь регион, ниже — по муниципалитетам.
dashboard-tables-note =
    Под каждой диаграммой — таблица с теми же
    числами и её выгрузка в XLSX.
dashboard-available = Свободно на сертификатах
dashboard-reserved = В резерве по договорам
dashboard-sections = Разделы панели
dashboard-table = Таблица
dashboard-table-caption = { $title }: таблица
dashboard-no-data = Нет данных.
dashboard-download = Скачать таблицу «{ $title }» (XLSX)
dashboard-forbidden = Нет доступа
dashboard-not-ready = Панель собирается

# Разделы панели.
dashboard-coverage = Сертификаты и зачисления по месяцам
dashboard-money = Деньги сертификатов по месяцам
dashboard-directions = Зачисления по направленностям
dashboard-organizations = Зачисления по организациям
dashboard-seats = Места в группах: предложено и занято
dashboard-waitlists = Программы с самым длинным листом ожидания
dashboard-municipalities = По муниципалитетам

dashboard-coverage-note =
    Доля детей 5–17 лет, живущих здесь, с действующим сертификатом (выданным и не закрытым к концу
    месяца) и обучающихся по договору хотя бы один день месяца. Текущий месяц — по сегодняшний день.
dashboard-money-note =
    Движения по счетам сертификатов по месяцу проводки (сторно вычтено): начислено номиналов,
    зарезервировано по договорам, списано за занятия (начисление за месяц проводится после
    него), сгорело в конце периода. Освобождённое из резерва и возвращённое в бюджет — в
    таблице.
dashboard-directions-note-municipality = Договоры, действующие сейчас, по направленностям программ организаций муниципалитета.
dashboard-directions-note-region = Договоры, действующие сейчас, по направленностям программ организаций региона.
dashboard-organizations-note =
    Договоры, действующие сейчас, по организациям. На диаграмме и в таблице — 15 организаций с
    наибольшим числом, полный список — в XLSX.
dashboard-seats-note =
    Места в группах сертифицированных программ, которые идут или начнутся: сколько предложено и
    сколько занято (заявками, ждущими решения, и договорами).
dashboard-waitlists-note = Десять программ, в группы которых больше всего детей ждут места.
dashboard-municipalities-note =
    Дети, сертификаты и обучающиеся — в текущем месяце; деньги — за двенадцать месяцев; места и
    листы ожидания — сейчас.

# Направленности программ.
dashboard-direction-technical = Техническая
dashboard-direction-natural-science = Естественнонаучная
dashboard-direction-physical-sport = Физкультурно-спортивная
dashboard-direction-artistic = Художественная
dashboard-direction-tourism = Туристско-краеведческая
dashboard-direction-social = Социально-гуманитарная

# Столбцы таблиц (и выгрузок XLSX, которые всегда на русском).
dashboard-col-month = Месяц
dashboard-col-as-of = На дату
dashboard-col-children = Детей 5–17 лет
dashboard-col-certified = С сертификатом
dashboard-col-certified-share = Доля с сертификатом
dashboard-col-enrolled = Обучаются
dashboard-col-enrolled-share = Доля обучающихся
dashboard-col-nominal = Начислено номиналов, ₽
dashboard-col-held = Зарезервировано по договорам, ₽
dashboard-col-released = Освобождено из резерва, ₽
dashboard-col-spent = Списано за занятия, ₽
dashboard-col-returned = Возвращено в бюджет, ₽
dashboard-col-expired = Сгорело в конце периода, ₽
dashboard-col-direction = Направленность
dashboard-col-share = Доля
dashboard-col-organization = Организация
dashboard-col-inn = ИНН
dashboard-col-municipality = Муниципалитет
dashboard-col-groups = Групп
dashboard-col-seats = Мест
dashboard-col-taken = Занято
dashboard-col-free = Свободно
dashboard-col-filled = Заполнено
dashboard-col-program = Программа
dashboard-col-waitlisted = В листе ожидания
dashboard-col-nominal-12 = Начислено номиналов за 12 мес., ₽
dashboard-col-spent-12 = Списано за 12 мес., ₽
dashboard-total = Всего
dashboard-total-12-months = Итого за 12 месяцев
dashboard-whole-region = Весь регион
# count — сколько организаций не показано по отдельности.
dashboard-other-organizations = Остальные организации ({ $count })

# Ряды диаграмм (в легенде и подсказках столбцов).
dashboard-series-certified = С сертификатом
dashboard-series-enrolled = Обучаются
dashboard-series-nominal = Начислено номиналов
dashboard-series-held = Зарезервировано
dashboard-series-spent = Списано за занятия
dashboard-series-expired = Сгорело
dashboard-series-seats = Мест
dashboard-series-taken = Занято
dashboard-series-waitlisted = В листе ожидания

# Описания диаграмм для программ экранного доступа (и подписи под ними).
# «63,4 % (5 из 8)».
dashboard-share-of = { $share } ({ $part } из { $whole })
# date — последний день ряда; certified и enrolled — доли.
dashboard-coverage-description = Доля детей 5–17 лет с сертификатом и обучающихся за 12 месяцев по { $date }; на { $date }: с сертификатом { $certified }, обучаются { $enrolled }.
dashboard-money-description = Движения денег сертификатов по месяцам за 12 месяцев: начислено номиналов { $nominal }, списано за занятия { $spent }.
dashboard-directions-description = Действующие договоры по шести направленностям, всего { $total }.
# shown организаций показано из all.
dashboard-organizations-description = Действующие договоры по организациям: { $shown } с наибольшим числом из { $all }.
dashboard-seats-description = Места в группах по направленностям: предложено { $seats }, занято { $taken } ({ $share }).
dashboard-waitlists-description = Самый длинный лист ожидания — { $program }: { $count }.
dashboard-waitlists-none = Листов ожидания нет.
dashboard-municipalities-description = Доля детей 5–17 лет с сертификатом и обучающихся в текущем месяце по { $n } { $n ->
    [one] муниципалитету
   *[other] муниципалитетам
}.

## Подписи осей диаграмм

# «40 %».
charts-percent = { $n } %
charts-thousands = { $n } тыс.
charts-millions = { $n } млн
charts-billions = { $n } млрд

## BillingError
refusal-billing-bad-month = Месяц в виде 2026-11
# month: «декабрь 2026».
refusal-billing-future-month = { $month } ещё не наступил: начислять можно текущий месяц и прошедшие
# month: «2026-11»; started: «24 ноября 2026, 14:05».
refusal-billing-busy = Сейчас идёт начисление за { $month } (начато { $started }): дождитесь его окончания
refusal-billing-forbidden = Начислять и утверждать счета может оператор муниципального опорного центра
refusal-billing-not-found = Счёт не найден
refusal-billing-stale = Счёт уже изменили: обновите страницу
refusal-billing-refused-no-bank-details = У организации не указаны банковские реквизиты: без них счёт не оплатить. Попросите администратора организации заполнить их в профиле (/org/profile)
refusal-billing-refused-nothing-to-export = Нет утверждённых счетов для выгрузки
refusal-billing-refused-reversal-reason = Напишите причину сторно
refusal-billing-refused-not-a-charge = Сторнировать можно только списание за месяц
refusal-billing-refused-exported = Счёт уже выгружен в платёжные поручения: исправьте следующим счётом
refusal-billing-refused-already-reversed = Это списание уже сторнировано
refusal-billing-refused-short-of-money = Сторно невозможно: на счёте организации не хватает средств
refusal-billing-refused-lessons = Число занятий в месяце — от 1 до 62
refusal-billing-refused-attended = Посещено — от 0 до числа занятий в месяце
refusal-billing-refused-sheet-closed = За этот месяц уже начислено: табель закрыт
refusal-billing-refused-previous-period = Сначала закройте предыдущий период: его остатки ещё не списаны
refusal-billing-refused-period-running = Период ещё не закончился
refusal-billing-refused-last-month-first = Сначала начислите последний месяц периода
