# Тексты уведомлений в личном кабинете (domain::notification): страница «Уведомления» пишет
# тему и текст по виду уведомления и сохранённым значениям. Русский текст слово в слово тот, что
# хранится и уходит письмом (тест в pages/notifications.rs сравнивает).

## CertificateIssued
notes-certificate-issued-subject = Выдан сертификат дополнительного образования № { $number }
# nominal: «5 000,00 ₽».
notes-certificate-issued-body = Ребёнок: { $child }. Сертификат № { $number } выдан. На сертификат зачислено { $nominal }.
notes-certificate-issued-body-unfunded = Ребёнок: { $child }. Сертификат № { $number } выдан. Пока сертификат действует для бесплатных (муниципальных) программ; номинал зачислят, когда появятся места.

## ApplicationAccepted
notes-application-accepted-subject = Заявка принята: «{ $program }»
# starts: «1 декабря 2026».
notes-application-accepted-body = Организация приняла заявку на программу «{ $program }». Ребёнок: { $child }. Договор действует с { $starts }.

## ApplicationRejected
notes-application-rejected-subject = Заявка отклонена: «{ $program }»
notes-application-rejected-body = Организация отклонила заявку на программу «{ $program }». Ребёнок: { $child }. Причина: { $reason }.

## WaitlistOffer
notes-waitlist-offer-subject = Освободилось место: «{ $program }»
# until: «28 ноября 2026, 18:00».
notes-waitlist-offer-body = В группе программы «{ $program }» освободилось место. Ребёнок: { $child }. Подтвердите запись до { $until } (время московское), иначе место перейдёт следующему в очереди.

## ContractEnding
# day: «31 мая 2027».
notes-contract-ending-subject = Договор заканчивается { $day }: «{ $program }»
notes-contract-ending-body = Договор об обучении по программе «{ $program }» заканчивается { $day }. Ребёнок: { $child }. Чтобы заниматься дальше, выберите программу в каталоге.

## PasswordReissued
notes-password-reissued-subject = Выдан новый одноразовый пароль
notes-password-reissued-body = Для входа с логином { $login } выдан новый одноразовый пароль; прежний больше не действует. Если вы его не просили, обратитесь в организацию, которая его выдала.
