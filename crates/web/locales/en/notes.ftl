# Page texts: notifications in the cabinet (domain::notification). The "Notifications" page
# writes the subject and body from the notification's kind and stored values. The e-mails and
# the API keep the stored Russian text.

## CertificateIssued
notes-certificate-issued-subject = Supplementary education certificate No. { $number } issued
# nominal: "5 000,00 ₽".
notes-certificate-issued-body = Child: { $child }. Certificate No. { $number } has been issued. The certificate has been credited with { $nominal }.
notes-certificate-issued-body-unfunded = Child: { $child }. Certificate No. { $number } has been issued. For now the certificate is valid for free (municipal) programmes; the nominal value will be credited when places become available.

## ApplicationAccepted
notes-application-accepted-subject = Application accepted: "{ $program }"
# starts: "1 December 2026".
notes-application-accepted-body = The organisation has accepted the application for the programme "{ $program }". Child: { $child }. The contract is in force from { $starts }.

## ApplicationRejected
notes-application-rejected-subject = Application rejected: "{ $program }"
notes-application-rejected-body = The organisation has rejected the application for the programme "{ $program }". Child: { $child }. Reason: { $reason }.

## WaitlistOffer
notes-waitlist-offer-subject = A place has become free: "{ $program }"
# until: "28 November 2026, 18:00".
notes-waitlist-offer-body = A place has become free in a group of the programme "{ $program }". Child: { $child }. Confirm the enrolment by { $until } (Moscow time), otherwise the place will go to the next child on the waiting list.

## ContractEnding
# day: "31 May 2027".
notes-contract-ending-subject = Contract ends on { $day }: "{ $program }"
notes-contract-ending-body = The education contract for the programme "{ $program }" ends on { $day }. Child: { $child }. To carry on with classes, choose a programme in the catalogue.

## PasswordReissued
notes-password-reissued-subject = New one-time password issued
notes-password-reissued-body = A new one-time password has been issued for signing in with the login { $login }; the previous one is no longer valid. If you did not ask for it, contact the organisation that issued it.
