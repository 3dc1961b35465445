# Общее для всех страниц: шапка, подвал, версия для слабовидящих, страницы ошибок.
# Ключ — по смыслу, через дефис; значения в { $… } подставляет страница.

service-name = Сертификат дополнительного образования
skip-to-content = Перейти к содержанию
header-cabinet = Личный кабинет
header-notifications = Уведомления
header-unread = непрочитанных
header-settings = Персональные настройки
header-logout = Выйти
header-login = Войти

vision-on = Версия для слабовидящих
vision-off = Обычная версия
vision-panel = Настройки версии для слабовидящих
vision-size = Размер шрифта
vision-size-1 = крупный
vision-size-2 = очень крупный
vision-size-3 = огромный
vision-colors = Цвета
vision-black-on-white = чёрным по белому
vision-white-on-black = белым по чёрному
vision-blue-on-light-blue = синим по голубому
vision-images = Изображения
vision-images-on = показывать
vision-images-off = не показывать
vision-spacing = Интервалы
vision-spacing-1 = обычные
vision-spacing-2 = увеличенные
vision-spacing-3 = большие

footer-help-link = Помощь
footer-help = : как получить сертификат, записаться на программу, куда обратиться.
footer-consultation = Консультация по сертификату: { $center },
footer-phone = телефон { $phone }
footer-language = Язык страниц

page-not-found = Страница не найдена
page-not-found-text = Такой страницы нет. Проверьте адрес или вернитесь на главную.
too-many-requests = Слишком много запросов
too-many-requests-text = { $what }. Подождите { $wait } и попробуйте снова.
wait-seconds = { $n } с
wait-minutes = { $n } мин
error-title = Ошибка
error-heading = Что-то пошло не так
error-text = Мы уже знаем об ошибке. Попробуйте ещё раз через минуту.
form-stale = Форма устарела
form-stale-text = Форма устарела или отправлена не с этого сайта. Вернитесь назад, обновите страницу и отправьте её ещё раз.
form-too-long = Слишком много текста
form-too-long-text = В форме слишком много текста: описание программы — не длиннее 5000 символов, другие поля — короче. Вернитесь назад: введённый текст остался на странице, сократите его и отправьте снова.

unavailable = Сервис временно недоступен
unavailable-text = Сервер базы данных перезапускается или переключается на резервный. Ничего не записано. Попробуйте ещё раз через минуту.

# На телефоне в шапке — короткое название; оно входит в полное (его читают экранные чтецы, WCAG 2.5.3).
service-name-short = Сертификат
vision-on-short = Для слабовидящих

## Refusals every area shares (crates/web/src/refusal)
refusal-store = Не удалось выполнить действие: попробуйте ещё раз
refusal-check-fields = Проверьте поля формы
