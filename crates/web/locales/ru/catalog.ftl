# Тексты страниц: catalog
# Каталог и страница программы, запись и «Мои заявки», договор-оферта, жеребьёвка,
# программы организации и их редактор, сертификация программ в МОЦ, очереди.

## Общие слова раздела

catalog-free = бесплатно
catalog-table = Таблица
catalog-status = Статус
catalog-schedule = Расписание
catalog-address = Адрес
catalog-dates = Даты
catalog-history = История
# Дата окончания сертификации в истории программы.
catalog-valid-until = действует до { $date }
# Период занятий: даты словами.
catalog-from-to = с { $from } по { $to }
# Возраст программы: «от 7 до 12 лет»; $years — слово из catalog-ages-years.
catalog-ages = от { $min } до { $max } { $years }
catalog-ages-years = { $n ->
    [one] года
   *[other] лет
}

## Направленности программ

catalog-direction-technical = Техническая
catalog-direction-natural-science = Естественнонаучная
catalog-direction-physical-sport = Физкультурно-спортивная
catalog-direction-artistic = Художественная
catalog-direction-tourism = Туристско-краеведческая
catalog-direction-social = Социально-гуманитарная

## Как оплачивается программа

catalog-funding-free = бесплатно
catalog-funding-certificate = по сертификату

## Статусы программ

catalog-status-draft = черновик
catalog-status-submitted = на сертификации
catalog-status-returned = возвращена на доработку
catalog-status-certified = сертифицированная
catalog-status-expired = сертификация истекла

## Статусы заявок

catalog-application-waitlisted = в листе ожидания
catalog-application-offered = предложено место
catalog-application-pending = на рассмотрении у организации
catalog-application-enrolled = зачислен
catalog-application-rejected = отклонена
catalog-application-withdrawn = отозвана
catalog-application-offer-lapsed = предложение истекло
catalog-application-ended = обучение завершено

## Дни недели, коротко

catalog-day-mon = пн
catalog-day-tue = вт
catalog-day-wed = ср
catalog-day-thu = чт
catalog-day-fri = пт
catalog-day-sat = сб
catalog-day-sun = вс

## События в истории сертификации программы

catalog-event-submit = Отправлена на сертификацию
catalog-event-certify = Сертифицирована
catalog-event-return = Возвращена на доработку
catalog-event-edit-terms = Изменены цена, часы или возраст: снова на сертификации
catalog-event-expire = Сертификация истекла
catalog-event-remind = Напоминание: сертификация скоро истекает
catalog-event-other = Событие
# Автор события, когда его сделал не человек.
catalog-event-system = система

## Пункты проверки программы перед сертификацией

catalog-check-title = Название и направленность соответствуют содержанию
catalog-check-description = В описании есть цель, содержание и ожидаемые результаты
catalog-check-ages = Возраст детей соответствует содержанию
catalog-check-hours = Часы модулей соответствуют учебному плану
catalog-check-price = Цена обоснована и не выше нормативной стоимости без причины
catalog-check-groups = У каждой группы есть педагог, расписание, адрес и места
catalog-check-licence = У организации есть лицензия на дополнительное образование

## Каталог программ (/catalog)

catalog-title = Каталог программ
catalog-lead = Кружки, секции и студии региона. Программы «по сертификату» оплачиваются сертификатом дополнительного образования; бесплатные — за счёт бюджета.
catalog-search-label = Что ищете
catalog-search-placeholder = например, робототехника или футбол
catalog-search-button = Найти
catalog-for-whom = Для кого:
catalog-all-programs = все программы
catalog-for-child = Показано то, куда может записаться { $name }: программы для этого возраста в муниципалитете, где действует сертификат ребёнка.
# $age — из catalog-child-age: «7 лет».
catalog-for-child-aged = Показано то, куда может записаться { $name } ({ $age }): программы для этого возраста в муниципалитете, где действует сертификат ребёнка.
catalog-child-age = { $n } { $n ->
    [one] год
    [few] года
   *[many] лет
}
catalog-filters = Фильтры
catalog-direction = Направленность
catalog-municipality = Муниципалитет
# Пункт списка: любой муниципалитет или любая организация.
catalog-all = все
catalog-age = Возраст ребёнка, лет
catalog-funding = Оплата
# Переключатель «любая» (оплата, цена).
catalog-any = любая
catalog-days = Дни занятий
catalog-price = Цена в месяц
catalog-provider = Организация
# Порядок результатов: «Сначала — по цене».
catalog-sort = Сначала
catalog-sort-relevance = по релевантности
catalog-sort-start = по ближайшему старту
catalog-sort-price = по цене
catalog-price-zero = 0 ₽
catalog-price-up-to-1000 = до 1 000 ₽
catalog-price-1000-3000 = 1 000–3 000 ₽
catalog-price-3000-5000 = 3 000–5 000 ₽
catalog-price-over-5000 = дороже 5 000 ₽
catalog-show = Показать
catalog-reset = Сбросить фильтры
catalog-to-results = К результатам ↓
catalog-no-words = В запросе нет слов, по которым можно искать. Напишите, например, «футбол» или «рисование».
catalog-nothing = Ничего не нашлось. Попробуйте другое слово или уберите часть фильтров.
catalog-found = Найдено программ: { $total }.
catalog-shown = Показаны { $first }–{ $last }.
catalog-pages = Страницы результатов
catalog-prev = ← Предыдущие
catalog-page-of = Страница { $page } из { $pages }
catalog-next = Следующие →
# Карточка программы. $price — сумма, уже с «₽».
catalog-card-price-from = от { $price } в месяц
# После диапазона возраста: «7–12 лет».
catalog-card-years = { $n ->
    [one] год
    [few] года
   *[many] лет
}
catalog-card-no-seats = мест нет
catalog-card-seats = свободных мест: { $seats }
catalog-card-start = занятия с { $date }
# Начало сообщения «… Подождите 30 с и попробуйте снова.»
catalog-too-many = С вашего адреса каталог открывали слишком часто

## Страница программы (/catalog/…)

program-back = ← Каталог программ
program-age = Возраст
program-phone = Телефон: { $phone }
program-certified-until = Сертифицирована до
program-enroll = Записаться
program-about = О программе
program-photo-alt = Фотография { $n } программы «{ $title }»
program-groups-prices = Группы и цены
# Часов в модуле.
program-hours = { $hours } ч
program-price-per-month = { $price } в месяц
program-teacher = педагог { $teacher }
program-on-map-link = на карте
program-enrollment = запись с { $from } по { $to }
program-enrollment-closed = запись закрыта
program-seats-left = Свободных мест:
program-seats-of = из { $seats }
program-no-seats = Мест нет.
program-on-map = На карте
# Карта открывается по ссылке: её картинки с чужого сайта весят больше самой страницы.
program-show-map = Показать место занятий на карте
program-map-label = Карта: { $address }
program-open-map = открыть карту
program-osm-html = © участники <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>
program-expired-note = Сертификация программы истекла: новых записей нет. Уже записанные дети занимаются до конца договора.
program-not-enrolling = Программа сейчас не принимает записей.
program-hint-sign-in = Чтобы записаться, войдите в личный кабинет.
program-hint-needs-certificate = Записаться можно с сертификатом дополнительного образования: получите его в «Персональных настройках».
program-hint-needs-funds = Эта программа оплачивается сертификатом; на сертификате ваших детей сейчас нет средств на неё. Посмотрите бесплатные программы.

## Запись на программу и договор-оферта

enroll-family-only = Запись на программы
enroll-family-only-text = Записывает ребёнка родитель (законный представитель) или сам ребёнок с 14 лет из своего личного кабинета. Организация принимает заявки в разделе «Заявки на обучение».
enroll-title = Запись: { $title }
enroll-heading = Запись на программу «{ $title }»
enroll-no-children = Записать ребёнка может родитель (законный представитель) или сам ребёнок с 14 лет из своего личного кабинета.
enroll-who = Кого записать
enroll-which-group = В какую группу
enroll-no-groups = Сейчас ни в одну группу запись не открыта.
# Выбор группы: «Группа 1: сб 10:00–12:15, с 1 сентября 2026 — свободно мест: 5».
enroll-group-choice = { $title }: { $schedule }, с { $start } — { $seats }
enroll-seats-lottery = жеребьёвка после { $date }
enroll-seats-waitlist = мест нет — лист ожидания
enroll-seats-free = свободно мест: { $seats }
enroll-show-terms = Показать условия договора
enroll-offer = Договор об образовании (оферта)
# Сторона договора: организация, которая учит.
enroll-provider = Исполнитель
enroll-inn = ИНН { $inn }
enroll-pupil = Обучающийся
enroll-program = Программа
enroll-group = Группа
# Срок договора.
enroll-term = Срок
enroll-cost = Стоимость
enroll-cost-month = Стоимость в месяц
enroll-certificate-pays = Оплачивает сертификат
enroll-family-pays = Доплачивает семья
enroll-family-per-month = { $price } в месяц (по договору с организацией)
enroll-months-caption = По месяцам (неполный месяц — по дням)
enroll-month = Месяц
enroll-days = Дней
enroll-from-certificate = Из сертификата
# Дней месяца в договоре из дней месяца: «6 из 30».
enroll-days-of = { $days } из { $of }
enroll-total = Всего за период:
enroll-total-split = , из них сертификат — { $hold }, семья — { $family }.
enroll-available = На сертификате доступно { $available };
enroll-reserve = после записи будет зарезервировано { $hold }, останется { $after }.
enroll-monthly = Каждый месяц организация получает плату за этот месяц из резерва; если ребёнок уйдёт раньше, остаток резерва сразу вернётся на сертификат.
enroll-outcome-lottery = Заявка попадёт в жеребьёвку: места разыграют после окончания приёма заявок, деньги резервируются только при зачислении.
enroll-outcome-waitlist = Свободных мест нет: ребёнок встанет в лист ожидания. Когда место освободится, вам предложат его на 48 часов.
enroll-outcome-pending = Место и деньги будут зарезервированы сразу; организация рассмотрит заявку и примет ребёнка.
enroll-accept = Я прочитал(а) условия договора-оферты и принимаю их
enroll-submit = Подать заявку

## Мои заявки (/applications)

applications-title = Мои заявки
applications-none-html = Заявок пока нет. Выберите программу в <a href="/catalog">каталоге</a> и нажмите «Записаться».
applications-contract = Договор
applications-number = Номер заявки
applications-lottery = Жеребьёвка группы
applications-accept = Принимаю условия
# Ссылка после «Принимаю условия».
applications-accept-link = договора-оферты
applications-take = Подтвердить место
applications-last-day = Последний день занятий
applications-reason = Причина (необязательно)
applications-end = Завершить обучение
applications-withdraw = Отозвать заявку
applications-money = { $price } в месяц; зарезервировано { $held }
applications-offer-until = Место держится до { $at } (московское время).
applications-draw-rank = Место в очереди по жеребьёвке: { $rank }.
applications-reason-note = Причина: { $reason }
applications-done-pending = Заявка подана: место и деньги зарезервированы. Организация рассмотрит её и примет ребёнка.
applications-done-waitlisted = Заявка подана: ребёнок в листе ожидания (или в жеребьёвке). Мы предложим место, когда оно появится.
applications-done-withdrawn = Заявка отозвана; зарезервированные деньги вернулись на сертификат.
applications-done-taken = Место подтверждено: деньги зарезервированы, организация рассмотрит заявку.
applications-done-ended = Обучение будет завершено с указанной даты; остаток резерва вернулся на сертификат.

## Договор на странице заявки (/applications/…/contract)

contract-back = ← Мои заявки
contract-heading = Договор об образовании по дополнительной общеобразовательной программе (оферта)
contract-application = Заявка №
contract-accepted = условия приняты { $at } (московское время).
contract-family = Доплата семьи
contract-term-1 = Исполнитель обучает ребёнка по программе в указанной группе; заказчик (родитель или обучающийся с 14 лет) обеспечивает посещение.
contract-term-2 = Оплата из сертификата дополнительного образования идёт ежемесячно за прошедший месяц: за неполный месяц — пропорционально дням, а если исполнитель ведёт табель — пропорционально посещённым занятиям. Деньги не выдаются наличными и не переходят другому ребёнку.
contract-term-3 = На время договора стоимость оставшихся месяцев резервируется на сертификате. Договор можно прекратить с любой даты в личном кабинете; остаток резерва сразу возвращается на сертификат.
contract-term-4 = Неиспользованный остаток номинала не переносится на следующий период.
contract-print = Чтобы распечатать, воспользуйтесь печатью браузера.

## Жеребьёвка (/catalog/groups/…/lottery)

lottery-title = Жеребьёвка мест в группе
lottery-until = Заявки принимались до { $date } включительно.
lottery-how = Места распределяются по порядку, который задаёт случайное зерно: заявки сортируются по значению SHA-256 от строки «зерно:номер заявки» (по возрастанию), первые получают предложение места.
lottery-commitment = Отпечаток зерна (SHA-256), опубликован заранее
lottery-seed = Зерно
lottery-drawn = Жеребьёвка проведена
lottery-moscow-time = { $at } (московское время)
lottery-seed-later = будет опубликовано вместе с результатом
# Дальше идёт команда printf … | sha256sum.
lottery-check = Проверить может любой:
lottery-check-commitment = даёт отпечаток выше, а
# Подставляется в команду вместо номера заявки, заглавными буквами.
lottery-number-placeholder = НОМЕР-ЗАЯВКИ
lottery-check-order = — значение, по которому заявка стоит в списке.
lottery-result = Результат: порядок заявок
lottery-rank = Место

## Организация: главная (/org)

org-home-title = Организация
org-home-kind = Тип
org-home-inn = ИНН
org-home-pupils = Ученики
# «120 в 5 классах и группах»; $classes — из org-home-classes.
org-home-pupils-in = { $pupils } в { $classes }
org-home-classes = { $n } { $n ->
    [one] классе или группе
   *[other] классах и группах
}
org-home-kind-school = Школа
org-home-kind-kindergarten = Детский сад
org-home-kind-creativity-center = Учреждение дополнительного образования
org-home-kind-sport-school = Спортивная школа
org-home-kind-private = Частная организация
org-home-kind-sole-entrepreneur = Индивидуальный предприниматель
org-home-what = Что можно сделать
org-home-programs-note = черновики, группы, сертификация
org-home-applications = Заявки на обучение
org-home-applications-note = принять или отклонить, завершить обучение, табели посещаемости
org-home-invoices = Счета
org-home-invoices-note = ежемесячные счета за обучение по сертификатам
org-home-register = Зарегистрировать ребёнка и выдать сертификат
org-home-register-note = для семьи без личного кабинета, при записи
org-home-check = Проверить сертификат
org-home-check-note = действует ли и сколько на нём доступно
org-home-import = Загрузить учеников и родителей
org-home-import-note = из выгрузки школьной системы или по одному
org-home-logins = Выдать логины родителям и ученикам
org-home-logins-note = листки с одноразовыми паролями для печати
org-home-staff = Сотрудники
org-home-staff-note = приглашения и подтверждение
org-home-profile = Реквизиты организации
org-home-profile-note = лицензия, контакты, банковские реквизиты
org-home-tokens = Доступ для систем организации
org-home-tokens-note = токены API
org-home-consultations = Вопросы в МОЦ
org-home-consultations-note = задать вопрос муниципальному опорному центру и получить ответ

## Программы организации (/org/programs)

programs-title = Программы организации
programs-none = Программ пока нет. Создайте черновик: опишите программу, добавьте модули с ценой и группы с расписанием, затем отправьте её на сертификацию в муниципальный опорный центр.
programs-to-org = К странице организации
programs-not-found = Программа не найдена
programs-forbidden = Нет доступа
programs-not-done = Не сделано

## Редактор программы (/org/programs/…)

program-edit-back = ← Все программы
program-edit-new = Новая программа
program-edit-status = Статус:
# Статус программы, которая ещё не сохранена.
program-edit-status-new = новая
# Идёт сразу после статуса: «Статус: сертифицированная, сертифицирована до …».
program-edit-certified-until = , сертифицирована до { $date }
program-edit-as-parents-see = Как её видят родители
program-edit-check-fields = Проверьте отмеченные поля: ничего не сохранено.
program-edit-ends-soon = Сертификация заканчивается { $date }. Отправьте программу на сертификацию заново, чтобы она и дальше принимала записи.
program-edit-in-review = Программа на сертификации. Изменить её можно после решения муниципального опорного центра.
program-edit-returned = Программа возвращена на доработку
program-edit-what-to-fix = Что исправить:
program-edit-recertify-note = Изменение цены, часов или возраста отправит программу на повторную сертификацию; описание, фотографии и группы меняются без неё.
program-edit-title = Название
program-edit-choose = — выберите —
program-edit-description = Описание: цель, содержание, чему научится ребёнок (до 5000 символов)
program-edit-age-min = Возраст детей: с (лет)
program-edit-age-max = по (лет включительно)
program-edit-funding = Как оплачивается
program-edit-funding-certificate = Сертификатом (платная программа)
program-edit-funding-free = Бесплатная (за счёт бюджета)
program-edit-create = Создать черновик
program-edit-save = Сохранить
program-edit-modules = Модули и группы
program-edit-modules-certified = Программа сертифицирована: изменение часов или цены модуля отправит её на повторную сертификацию, и до решения она не будет принимать новых записей.
program-edit-modules-note = Модуль — часть программы со своими часами и ценой за месяц. У каждого модуля — хотя бы одна группа: педагог, расписание, адрес, места.
program-edit-module-heading = Модуль { $n }: { $title }
program-edit-module-not-saved = Модуль не сохранён: проверьте поля.
program-edit-module-title = Название модуля
# Подсказка в пустом поле названия модуля.
program-edit-module-example = Первый год обучения
program-edit-hours = Часов
program-edit-price = Цена за месяц, ₽
program-edit-price-new = Цена за месяц, ₽ (0 — бесплатно)
program-edit-normative-cost = Нормативная стоимость за месяц, ₽
program-edit-save-module = Сохранить модуль
program-edit-no-groups = Групп пока нет.
program-edit-seats-taken = Места: занято из
program-edit-taken-of = { $taken } из { $seats }
program-edit-add-group = Добавить группу
program-edit-delete-module = Удалить модуль «{ $title }» и его группы
program-edit-new-module = Новый модуль
program-edit-module-not-added = Модуль не добавлен: проверьте поля.
program-edit-add-module = Добавить модуль
program-edit-photos = Фотографии
program-edit-no-photos = Фотографий нет.
program-edit-delete-photo = Удалить фотографию { $n }
program-edit-photo-label = Фотография (JPEG, PNG или WebP, до 2 МБ; не больше 6)
program-edit-upload = Загрузить
program-edit-certification = Сертификация
program-edit-certification-note = Когда описание, модули и группы готовы, отправьте программу в муниципальный опорный центр. Пока она на сертификации, изменить её нельзя; решение появится на этой странице.
program-edit-submit = Отправить на сертификацию
program-edit-done-created = Черновик создан. Добавьте модули и группы, затем отправьте программу на сертификацию.
program-edit-done-saved = Сохранено.
program-edit-done-review = Сохранено. Цена, часы или возраст изменились — программа снова на сертификации и до решения не принимает новых записей.
program-edit-done-submitted = Программа отправлена на сертификацию. Решение появится на этой странице.
program-edit-done-deleted = Удалено.

## Группа программы (/org/programs/…/groups/…)

group-edit-new = Новая группа
group-edit-heading = Группа «{ $title }»
# Заголовок вкладки: «Группа: Робототехника», «Новая группа: Робототехника».
group-edit-page-title = { $what }: { $program }
group-edit-title-group = Группа
group-edit-module = Модуль: { $title }
group-edit-taken = Записано детей: { $taken } — мест не может стать меньше
group-edit-title = Название группы
# Подсказка в пустом поле названия группы.
group-edit-title-example = Группа 1
group-edit-teacher = Педагог (ФИО)
group-edit-schedule = Расписание, как его прочтут родители
# Подсказка в пустом поле расписания.
group-edit-schedule-example = пн, ср 16:00–17:30
group-edit-address = Адрес занятий
group-edit-coordinates = Точка на карте: широта, долгота (необязательно; например 56.8587, 35.9176 — можно скопировать с openstreetmap.org)
group-edit-seats = Мест в группе
group-edit-starts = Занятия с (ДД.ММ.ГГГГ)
# Конец периода: «Занятия с … по …», «Запись открыта с … по …».
group-edit-until = по
group-edit-enrollment-from = Запись открыта с
group-edit-lottery = Жеребьёвка: собирать заявки до (ДД.ММ.ГГГГ; пусто — запись по очереди). Места разыграют на следующий день, порядок сможет проверить любой
group-edit-save = Сохранить группу
group-edit-delete = Удалить группу

## Сертификация программ в МОЦ (/moc/programs)

review-queue-back = ← Муниципальный опорный центр
review-queue-title = Сертификация программ
review-queue-tabs = Программы по статусу
review-queue-empty = Очередь пуста: все поданные программы рассмотрены.
review-queue-none = Таких программ нет.
review-queue-submitted = Подана
review-queue-changed = Изменена
review-queue-done-certified = Программа сертифицирована и появилась в каталоге.
review-queue-done-returned = Программа возвращена организации с причинами.

review-back = ← Сертификация программ
review-title = Сертификация: { $title }
review-licence = Лицензия
review-no-licence = не указана
review-description = Описание
review-photo-alt = Фотография { $n }
review-modules = Модули
review-module = Модуль
review-price = Цена за месяц
review-normative-cost = Нормативная стоимость
review-groups = Группы
review-teacher = Педагог
review-seats = Мест
review-check = Проверка
review-passed = выполнено
review-failed = не выполнено
review-reason = Что исправить (если не выполнено)
review-decision = Решение
review-certify = Сертифицировать
review-valid-until = Сертификация действует до (ДД.ММ.ГГГГ)
review-return = Вернуть на доработку
review-note = Комментарий для организации (необязательно)
review-decide = Принять решение
review-choose-decision = Выберите решение: сертифицировать или вернуть на доработку

## Очереди (/moc/queues)

queues-title = Очереди
queues-lead-moc = Всё, что ждёт решения муниципального опорного центра.
queues-lead-rmc = Всё, что ждёт решения регионального модельного центра.
queues-nothing = Сейчас ничего не ждёт.
queues-programs = Программы на сертификации: { $count }
queues-duplicates = Возможные дубли детей: { $count }
queues-resolve = Решить случаи
# $days — из queues-stuck-days: «3 дней».
queues-stuck = Заявки без решения организации дольше { $days }: { $count }
queues-stuck-days = { $n } { $n ->
    [one] дня
   *[other] дней
}
queues-stuck-note = Семья ждёт ответа, деньги зарезервированы. Напомните организации или помогите ей.
queues-program-group = Программа, группа
queues-child = Ребёнок
queues-invoices = Счета на утверждение: { $count }
queues-invoice = Счёт
queues-invoice-number = № { $number }
queues-total = Сумма
queues-providers = Организации ждут проверки: { $count }

# Отказы раздела (crates/web/src/refusal/catalog.rs): слово в слово текст ошибки, с заглавной буквы.

## ProgramError

refusal-program-forbidden = Программы ведут сотрудники организации
refusal-program-not-found = Программа не найдена
refusal-program-stale = Программу изменили в другом окне или другой сотрудник; откройте её заново и повторите
refusal-program-in-review = Программа на сертификации: изменить её можно после решения
refusal-program-seats-taken = В группе уже есть записанные дети: её нельзя удалить, а мест не может стать меньше, чем занято
refusal-program-no-group = У модуля «{ $module }» нет ни одной группы: добавьте группу или удалите модуль

## NotReady (ProgramError::NotReady): чего программе не хватает, чтобы идти дальше

refusal-program-not-ready-enrollment-mode = Режим записи нельзя менять, когда заявки уже поданы
refusal-program-not-ready-modules-limit = В программе не больше 20 модулей
refusal-program-not-ready-groups-limit = В программе не больше 100 групп
refusal-program-not-ready-no-module = Добавьте хотя бы один модуль
refusal-program-not-ready-groups-over = Все группы уже закончили занятия: добавьте группу с датами впереди
refusal-program-not-ready-free-price = У бесплатной программы цена модулей — 0 ₽
refusal-program-not-ready-certificate-price = У программы, оплачиваемой сертификатом, укажите цену каждого модуля

## TransitionError (программы); $status — из catalog-status-*

refusal-program-transition-submit = Программу со статусом «{ $status }» нельзя отправить на сертификацию
refusal-program-transition-certify = Программу со статусом «{ $status }» нельзя сертифицировать
refusal-program-transition-return = Программу со статусом «{ $status }» нельзя вернуть на доработку
refusal-program-transition-edit-terms = Программу со статусом «{ $status }» нельзя изменить так
refusal-program-transition-expire = Программу со статусом «{ $status }» нельзя считать истёкшей

## ProviderTransitionError; $status — из provider-status-*

refusal-provider-transition = Организацию со статусом «{ $status }» нельзя перевести так

## ProviderError

refusal-provider-forbidden = Это могут делать сотрудники муниципального опорного центра
refusal-provider-not-found = Организация не найдена
refusal-provider-already-registered = Организация с таким ИНН или ОГРН уже есть в реестре; если это ваша, обратитесь в муниципальный опорный центр
refusal-provider-reason-missing = Напишите причину: организация увидит её
refusal-provider-not-ready-for-login = Логин выдаётся после проверки документов
refusal-provider-stale = Статус уже изменил другой сотрудник; обновите страницу

## JoinError

refusal-join-unknown-code = Такого приглашения нет, оно уже использовано или истекло: попросите администратора организации выдать новое
refusal-join-already-waiting = Вы уже ждёте подтверждения от этой организации

## OrganizationError

refusal-organization-forbidden = Эта страница — для сотрудников организации

## RulesError

refusal-rules-forbidden = Правила региона устанавливает региональный модельный центр
