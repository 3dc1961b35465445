# Page texts: cabinet
# The personal cabinet: home page, login, password, personal settings, the certificate and how to
# claim it, notifications, my personal data, registering a child at an organisation, checking a
# certificate, API tokens, joining an organisation.

## Shared by the cabinet's pages

# Label of a scrolling table, for screen readers.
cabinet-table = Table
cabinet-when = When
cabinet-what = What
cabinet-available = Available
cabinet-held = Reserved
cabinet-reserve = Reserve
cabinet-spent = Spent
cabinet-status = Status
cabinet-municipality = Municipality
cabinet-issued = Issued
cabinet-device = Device
cabinet-signed-in = Signed in
cabinet-last-seen = Last active
cabinet-kind = Type
cabinet-kind-funded = funding certificate (with a nominal value)
cabinet-kind-free = registration certificate (for free municipal programmes)
cabinet-esia = Gosuslugi (the public services portal)
cabinet-esia-not-linked = not linked
cabinet-personal-data = My personal data
cabinet-last-name = Surname
cabinet-first-name = First name
cabinet-email = Email
cabinet-consents = Consents to the processing of personal data
cabinet-money-movements = Money movements
cabinet-certificate-history = Certificate history
cabinet-login = Login
cabinet-password = Password

# Certificate statuses (lower case: they follow «Status» and appear inside sentences).
cabinet-status-active = valid
cabinet-status-suspended = suspended
cabinet-status-closed = closed

# How a certificate was issued and how a consent was given.
cabinet-channel-cabinet = in the personal cabinet
cabinet-channel-esia = in the personal cabinet (signed in through Gosuslugi)
cabinet-channel-organization = at an organisation, on enrolment
cabinet-channel-paper = on paper at an organisation

# Roles.
cabinet-role-parent = Parent (legal representative)
cabinet-role-child = Pupil
cabinet-role-organization-staff = Organisation staff member
cabinet-role-organization-admin = Organisation administrator
cabinet-role-municipal-operator = Municipal support centre (MOC)
cabinet-role-regional-admin = Regional model centre (RMC)
cabinet-role-auditor = Oversight (view only)

# Money movements on a certificate.
cabinet-reason-nominal = Nominal value credited
cabinet-reason-return = Nominal value returned to the budget
cabinet-reason-expiry = Balance expired at the end of the period
cabinet-reason-hold = Reserved under a contract
cabinet-reason-release = Reserve released
cabinet-reason-charge = Payment for classes

# Events in a certificate's history.
cabinet-event-issued = Issued
cabinet-event-funded = Nominal value received
cabinet-event-suspended = Suspended
cabinet-event-resumed = Resumed
cabinet-event-closed = Closed

## Home page

home-lead = An electronic record with a number that pays for clubs, sports sections and studios
    for children aged 5 to 17 inclusive.
home-fact-record = the certificate is an electronic record with a number (like a health insurance policy or SNILS, the personal insurance number);
home-fact-once = it is issued once to each child aged 5 to 17 inclusive;
home-fact-purpose = it can be used only for children's supplementary education;
home-fact-nominal = it has a nominal value — money that can pay for programmes that have passed a quality check
    and have the status “certified”;
home-fact-personal = it cannot be cashed or passed to anyone else (like the Pushkin Card for young people's cultural visits).
home-login = Sign in to the personal cabinet
home-who-heading = Who can get one
home-who = A parent (legal representative) — for each of their children aged 5 to 17.
    A child aged 14 to 17 can get the certificate themselves, from their own personal cabinet.
home-how-heading = How to get a certificate
# Four ways: the highlighted start of each item and its continuation.
home-way-login-lead = The parent has a login and password
home-way-login = {" "}for the personal cabinet (issued by the school) or
    an account on Gosuslugi (the public services portal): sign in, click your full name in the top right corner, open
    “Personal settings” and, in the section “Supplementary education certificate”, click
    “Get a certificate”.
home-way-no-login-lead = No login
home-way-no-login = : ask the school or kindergarten for one, then follow
    the first way. You can also sign in through Gosuslugi.
home-way-teen-lead = The child is 14 or older
home-way-teen = {" "}and has their own login: they sign in themselves and
    get the certificate the same way, through “Personal settings”.
home-way-none-lead = Neither the parent nor the child has an account
home-way-none = : the organisation
    (a school, a kindergarten, the Palace of Creativity for Children and Young People) will issue the
    certificate when enrolling the child in a supplementary education programme.
home-catalog-link = Programme catalogue
home-catalog = {" "}— clubs, sports sections and studios paid for with the certificate.
home-providers = For organisations:
home-providers-link = apply to the register of providers
home-demo-heading = Demo logins
home-demo = This is a demo region: the people and organisations are fictional. Sign in with any role.
home-demo-who = Who
home-demo-login = Login
home-demo-password = Password
home-demo-what-for = What for

## Login

login-title = Sign in
login-heading = Sign in to the personal cabinet
login-intro = Enter the login and password issued by the school or kindergarten. If you are signing in for the first time,
    enter the one-time password from the slip — the site will then ask you to choose your own.
login-submit = Sign in
login-or = or
login-esia = Sign in through Gosuslugi (the public services portal)
login-no-login = No login? The school or kindergarten your child attends issues it. If the family has no
    account, the organisation will issue the certificate when enrolling the child in a programme.
login-esia-title = Signing in through Gosuslugi

## Password

password-title = Password
password-heading-first = Choose your own password
password-heading = Change password
password-first-time = You signed in with a one-time password. To continue, choose your own password: only you
    will know it, the school's staff cannot see it.
# $n is the shortest allowed length.
password-rules = At least { $n } { $n ->
        [one] character
       *[other] characters
    }, not the same as your login and not one of those everyone tries
    first. Several words work well: “the volga flows into the caspian”.
password-current = Current password
password-new = New password
password-repeat = New password again
password-submit = Save password

## Message (a page with a single sentence)

message-home = Home page

## Personal settings

settings-heading = Personal settings
settings-profile = Profile
settings-full-name = Full name
settings-role = Role
settings-esia-linked = signing in through Gosuslugi is linked
settings-esia-how = To sign in through Gosuslugi as well, sign out and click “Sign in through Gosuslugi”: your account
    will be found by SNILS or by full name and date of birth and will be shared.
settings-work-as = Work as
settings-switch-role = Switch role
settings-organization = Organisation
settings-org-register = Register a child and issue a certificate
settings-org-check = Check a certificate
settings-org-import = Upload pupils and parents
settings-org-logins = Logins for parents and pupils
settings-org-tokens = Access for the organisation's systems (API tokens)
settings-join-link = Join an organisation
settings-join = {" "}— for teachers and staff who have received an invitation code.
# Addressed to a child.
settings-no-data-child = Your details are not in the register yet. Please ask your school.
settings-no-children = No children are linked to your account. If this is a mistake, contact the school or kindergarten.
# After the child's name.
settings-child-born = , date of birth: { $date }
settings-certificate = Certificate
settings-certificate-number = No. { $number }
settings-claim = Get a certificate
settings-claim-age = You can get the certificate yourself from the age of 14; until then a parent gets it.
settings-applications = My applications and enrolments
# Before the link to the page “Notifications”.
settings-notify-intro = We always report the issue of a certificate, decisions on applications, a place freed from the waiting list, the end of a contract and a new
    one-time password on the page
settings-notify-link = “Notifications”
settings-notify-email = Enter an email address to receive them by email too.
settings-notify-email-hint = For example, name@example.ru. Leave empty to receive no emails.
settings-notify-by-email = Send by email
settings-notify-save = Save notification settings
settings-personal-data = Everything the system holds about you and your children: personal details, the account,
    consents, certificates and money movements, applications and contracts, the activity log.
settings-personal-data-child = Everything the system holds about you: personal details, the account,
    consents, certificates and money movements, applications and contracts, the activity log.
settings-personal-data-download = Download my data
settings-personal-data-view = View on the page
settings-password-change = Change password
settings-sessions = Where you are signed in
settings-this-device = (this device)
settings-logout-everywhere = Sign out on all devices
settings-saved-password = Password saved. You need to sign in again on other devices.
settings-saved-notifications = Notification settings saved.
settings-unknown-device = unknown device
settings-born-unknown = date of birth not given
# A child's certificate in the list: with a nominal value or without.
settings-money-funded = funding certificate: { $available } available
settings-money-free = for free (municipal) programmes
# $status is “suspended” or “closed”.
settings-certificate-status = certificate { $status }
settings-child-hidden = Your parent has already got a certificate for you. From the age of 14 you can open it here yourself.
settings-child-held = The municipal support centre (MOC) is checking the child's details: there is a similar child in the register. After the check the certificate can be claimed.
settings-child-parent-claims = Until you are 14, your parent (legal representative) gets the certificate for you in their personal cabinet.
settings-child-eligible = Can get a certificate
settings-child-too-young = The certificate can be claimed from { $date } (from the age of 5)
settings-child-too-old = No certificate is issued: the child is 18 or older
settings-child-no-birth-date = Ask the school to record the date of birth to get a certificate

# Kinds of notification, the boxes under “Send by email”.
settings-kind-certificate-issued = Certificate issued
settings-kind-application-accepted = Application accepted
settings-kind-application-rejected = Application rejected
settings-kind-waitlist-offer = A place has become free in a group where the child is on the waiting list
settings-kind-contract-ending = The education contract is ending soon
settings-kind-password-reissued = New one-time password issued

## Certificate

certificate-title = Certificate No. { $number }
certificate-issued-now = Certificate received.
certificate-number-is = Certificate number:
certificate-funded-money = A funding certificate: it holds { $available } to pay for certified programmes
# Continues the sentence above when the end of the period is known.
certificate-funded-until = {" "}until { $date } — whatever is not spent by that day does not carry over
certificate-free-now = For now this is a certificate for free (municipal) programmes: all certificates with a nominal value in the municipality
    for this period have already been issued. When a place becomes free, the certificate will receive a nominal value in turn — we will show it here.
# Before the link to the catalogue; certificate-next-enrol follows it.
certificate-next = What next: choose a club or sports section in the
certificate-next-catalog = programme catalogue
certificate-next-enrol = {" "}and enrol —
    you do not need to enter the certificate number, it is already linked to the child.
certificate-status-changed = Certificate status changed: { $status }.
certificate-child = Child
# After the child's name.
certificate-child-born = , date of birth { $date }
certificate-period = Period
# The period of the nominal value: “2026 (1 January 2026 — 31 December 2026)”.
certificate-period-value = { $year } ({ $from } — { $to })
certificate-nominal = Nominal value
certificate-statement = Extract from the register (PDF, in Russian)
certificate-no-movements = No movements yet.
certificate-reason = Reason
certificate-by = Who
certificate-by-system = system
certificate-consent-version = version { $version }
certificate-scan-attached = scan attached
certificate-status-heading = Certificate status
certificate-action = Action
certificate-suspend = Suspend
certificate-resume = Resume
certificate-close = Close
certificate-reason-for-parents = Reason (parents will see it)
certificate-confirm-close = I understand that closing cannot be undone (needed only for “Close”)
certificate-change-status = Change status
# ОВЗ: a child with disabilities (special health needs); ПМПК: the psychological, medical and educational commission.
certificate-disability-heading = Child with disabilities
certificate-disability-note = If the period has a higher nominal value for children with disabilities,
    a certificate with a nominal value receives the difference at once. Removing the mark does not take back what was already credited.
certificate-disability = The child has disabilities (there is a conclusion of the psychological, medical and educational commission, PMPK)
certificate-disability-basis = Basis: number and date of the PMPK conclusion
certificate-save = Save
certificate-disability-saved = Disability details saved.
certificate-disability-topped-up = Disability details saved. The certificate's nominal value was topped up by { $amount }.
certificate-confirm-close-error = Closing a certificate cannot be undone: tick the box to confirm you understand, and press again
certificate-choose-action = Choose an action
certificate-refused-title = Certificate
certificate-refused = That did not work
certificate-not-your-child = There is no such child among your children.
# Rate limit: “Too many attempts to get a certificate. Wait …”.
certificate-too-many-claims = Too many attempts to get a certificate

## Claiming a certificate

claim-for-you = Supplementary education certificate for you
claim-for-child = Supplementary education certificate for the child
claim-consent-heading = Consent to the processing of personal data
# Shown only on non-Russian pages, above the consent text.
claim-consent-in-russian = The consent text is given in Russian: that is the version with legal force.
claim-consent-version = Consent text version of { $version }.
claim-municipality = Where the child lives (municipality)
claim-choose = — choose —
claim-consent = I have read the text above and consent to the processing of personal data
claim-back = Go back without getting one
claim-help = What the certificate gives, what the nominal value is and how to enrol in a programme —
claim-help-link = see help

## Registering a child at an organisation (variant 4)

register-heading = Register a child and issue a certificate
register-open = open
register-another = Register another child
register-lead = For a family without a personal cabinet: the certificate is issued at once, on the parent's signed paper consent
    to the processing of personal data. When the parent signs in to the personal cabinet (with a login from the school or through Gosuslugi, the public services portal),
    the child will be found in the register and linked to them — no second certificate will appear.
register-check-fields = Check the marked fields: nothing has been saved.
register-middle-name = Patronymic (if any)
register-birth-date = Date of birth (DD.MM.YYYY)
register-snils = Child's SNILS, if known
register-phone = Phone
register-phone-or-email = A phone number or an email address is required.
register-consent = Parent's consent to the processing of personal data
register-scan = Scan of the signed consent (PDF, JPEG or PNG, up to 5 MB)
register-paper-consent = The consent signed by the parent is kept at the organisation
register-submit = Register and issue a certificate
# The outcome of a registration: a heading (the page adds a full stop) and an explanation.
register-issued = Certificate issued
register-issued-funded = A funding certificate: { $available } available. You can go on with the enrolment.
register-issued-free = A certificate for free (municipal) programmes: the places with a nominal value in the municipality for this period have run out. You can go on with enrolment in free programmes.
register-existing = The child already has a certificate
register-existing-number = No new certificate is needed: the child was found in the register. Go on with the enrolment using this number.
register-existing-ask = No new certificate is needed: the child was found in the register. The family knows the certificate number — ask them for it and check it under “Check a certificate”.
register-held = A check is needed
register-held-text = The certificate has not been issued yet. There is a similar child in the register: the same surname, first name and date of birth, but the patronymic, SNILS or the spelling of ё/е differ. The municipal support centre (MOC) will check whether this is the same child; after its decision, register the child again — the certificate will be issued, or the one already issued will be found.

## Checking a certificate

check-heading = Certificate check
check-intro = Enter the number the family gave you: the site will show whether the certificate is valid and how much is available on it.
check-number-label = Certificate number
check-submit = Check
check-number = Number
# After the certificate's status.
check-valid = {" "}— can be used for enrolment
check-not-valid = {" "}— cannot be used for enrolment

## Joining an organisation

join-intro = If you work at a school, kindergarten or another organisation, its administrator issues an invitation code.
    Enter it: once the administrator confirms, you will have a staff role.
join-code = Invitation code
join-submit = Send

## The organisation's API tokens

tokens-heading = Access for the organisation's systems
tokens-intro = A token lets your organisation's system (accounting, school) work with the API on behalf of
    a staff member of the organisation — nothing more. A token is shown once; keep it like a password.
    A revoked token stops working at once.
tokens-new = New token (copy it now, it will not be shown again):
tokens-name = For which system
tokens-create = Issue a token
tokens-system = System
tokens-created = Issued
tokens-state = State
tokens-revoked = revoked { $date }
tokens-active = active
tokens-revoke = Revoke

## Notifications

notifications-intro = Everything we have told you is here: about the certificate, applications, free places, contracts and passwords.
# Before the link to the settings.
notifications-choose = You can choose which of them to receive by email as well in
notifications-settings-link = “Personal settings”
notifications-none = No notifications yet.
notifications-new = new
notifications-open = Open
notifications-truncated = Showing the latest { $n }.

## My personal data

# $date is when the export was made: “24 November 2026, 14:05”.
personal-data-intro = Everything the system holds about you and about the children whose legal representative you are recorded as, as of { $date }.
personal-data-no-passwords = Passwords and codes are not shown: the system keeps only their irreversible hashes.
personal-data-download = Download the file (JSON)
personal-data-you = You
personal-data-child = Child: { $name }
personal-data-middle-name = Patronymic
personal-data-birth-date = Date of birth
personal-data-snils = SNILS
personal-data-email = Email
personal-data-disability = Disability (ОВЗ), basis
personal-data-schools = School, kindergarten
# Since when: “(since 1 September 2026, 09:00)”.
personal-data-since = (since { $date })
# Who gave the consent: $who is “you”, “the child themselves (from 14)”, “another legal representative”.
personal-data-consent-given-by = given by { $who }
personal-data-by-you = you
personal-data-by-the-child = the child themselves (from 14)
personal-data-by-another-guardian = another legal representative
personal-data-by-staff = staff member
personal-data-consent-certificate = certificate No. { $number }
personal-data-consent-scan = scan “{ $file }”
personal-data-nominal = Nominal value for { $year }: { $amount }
personal-data-applications = Applications and contracts
personal-data-group = Group
personal-data-applied = Application submitted
personal-data-contract = Contract
personal-data-contract-dates = from { $from } to { $to }
# After the contract's dates; $date is when it was accepted, or “—”.
personal-data-contract-accepted = ; accepted { $date }
personal-data-price = Price per month
personal-data-price-value = { $price }, of which { $covered } by the certificate
personal-data-contract-hold = Reserve under the contract
personal-data-month = Month
personal-data-days = Days
personal-data-attended = Classes attended
personal-data-charged = Charged
# “12 of 20” (days, classes).
personal-data-of = { $part } of { $whole }
personal-data-reversed = (reversed)
personal-data-account = Account
personal-data-created = Created
personal-data-password-set = set
personal-data-password-changed = , changed { $date }
personal-data-password-not-set = not set
personal-data-one-time-password = One-time password
personal-data-one-time-password-value = issued { $issued }, valid until { $until }
personal-data-esia-linked = linked { $date } (identifier { $id })
personal-data-roles = Roles
personal-data-sessions = Sessions
personal-data-via-esia = (through Gosuslugi)
personal-data-tokens = API tokens
personal-data-token-issued = issued { $date }
personal-data-consultations = Your messages in consultations
personal-data-notifications = Notifications
personal-data-opt-outs-none = E-mails come about every event the system reports.
personal-data-opt-outs = E-mails you turned off: { $kinds }.
personal-data-unread = unread
personal-data-log = Activity log
personal-data-log-note = Records about you and your children: when, what and who — you, the system or a staff member's role (staff names are not shown).
personal-data-changes = Changes

# Application statuses.
personal-data-application-waitlisted = on the waiting list
personal-data-application-offered = place offered
personal-data-application-pending = under review by the organisation
personal-data-application-enrolled = enrolled
personal-data-application-rejected = rejected
personal-data-application-withdrawn = withdrawn
personal-data-application-offer-lapsed = offer expired
personal-data-application-ended = studies completed

# Consultation statuses.
personal-data-consultation-open = awaiting an answer
personal-data-consultation-answered = answered
personal-data-consultation-closed = closed

login-error-invalid = Wrong login or password
login-error-throttled = Too many failed attempts to sign in: try again in { $n } min.
login-error-change-password = First sign in on the website and set your own password instead of the one-time one
password-error-wrong-current = The current password is wrong
password-error-mismatch = The passwords do not match
password-error-too-short = The password must be at least { $n } characters long
password-error-too-long = The password is too long: at most { $n } characters
password-error-contains-login = The password must not be the login or contain it
password-error-common = This password is too common and easy to guess: choose another one

# Refusals of the cabinet (crates/web/src/refusal/cabinet.rs): the use cases' errors.

## ClaimError
refusal-claim-not-found = There is no such child among your children
refusal-claim-not-guardian = A certificate can be claimed in the personal cabinet by a parent (legal representative) or by the child themselves from the age of 14
refusal-claim-self-claim-under-14 = Until the age of 14 a parent (legal representative) gets the certificate; the child can get it themselves from { $date }
refusal-claim-consent-required = Consent to the processing of personal data is required
# Eligibility: the child's age (R03).
refusal-claim-age-eligible = The child can get a certificate
refusal-claim-age-too-young = The certificate is issued from the age of 5: it can be claimed from { $date }
refusal-claim-age-too-old = The certificate is issued to children under 18: the child is already 18
refusal-claim-no-birth-date = The child's date of birth is not recorded: contact the school or kindergarten
refusal-claim-possible-duplicate = There is already a similar child in the register; the municipal support centre will check the details, and after that the certificate can be claimed
refusal-claim-municipality-required = Choose the municipality where the child lives

## ViewError
refusal-view-not-found = No certificate with this number was found

## CheckError
refusal-check-forbidden = A certificate can be checked by a staff member of an organisation
refusal-check-not-found = No certificate with this number was found

## ManageError
refusal-manage-not-found = No certificate with this number was found
refusal-manage-forbidden = A certificate's status can be changed by the municipal support centre
refusal-manage-reason-required = Give a reason
# $status is the certificate's status: “valid”, “suspended”, “closed”.
refusal-manage-already-there = The certificate is already { $status }

## DisabilityError
refusal-disability-not-found = No certificate with this number was found
refusal-disability-forbidden = Disability details are recorded by the municipal support centre
refusal-disability-basis-required = Give the basis: the number and date of the PMPK conclusion (no longer than 300 characters)

## ApplyError
refusal-apply-not-your-child = There is no such child among your children
refusal-apply-forbidden = A child can be enrolled by a parent (legal representative) or by the child themselves from the age of 14
refusal-apply-no-such-group = The group was not found
refusal-apply-not-listed = The programme is not taking enrolments at the moment: it is not certified or the organisation is suspended
refusal-apply-closed = Enrolment in this group is closed
# $ages is the programme's ages from catalog-ages: “7 to 12 years old”.
refusal-apply-wrong-age = The programme is for children { $ages }: the child is not the right age
refusal-apply-no-certificate = A supplementary education certificate is needed: get it in “Personal settings”
# $status is “suspended” or “closed”.
refusal-apply-certificate-inactive = The certificate is not valid: it is { $status }
refusal-apply-insufficient = There is not enough money on the certificate: { $needed } is needed, { $available } is available
refusal-apply-already-applied = The child is already enrolled in this group or is waiting for a place in it
refusal-apply-contract-not-accepted = To enrol, accept the terms of the contract (public offer)

## DecideError
refusal-decide-not-found = The application was not found
refusal-decide-stale = The application has already been changed: reload the page
refusal-decide-reason-missing = Write the reason for the rejection: the family will see it
refusal-decide-leave-date = The leaving date must be no earlier than { $earliest } and no later than the end of the contract, { $latest }

## ApplicationTransitionError
# $status is the application's status (personal-data-application-…), $action one of the actions below.
refusal-application-transition = An application with the status “{ $status }” cannot be { $action }
refusal-application-transition-offer = offered a place
refusal-application-transition-take-offer = confirmed
refusal-application-transition-lapse-offer = treated as expired
refusal-application-transition-accept = accepted
refusal-application-transition-reject = rejected
refusal-application-transition-withdraw = withdrawn
refusal-application-transition-end = ended

## KeyReused
refusal-key-reused = This idempotency key (Idempotency-Key) has already been used for another request: a new request needs a new key

## KeyError
refusal-key-empty = The idempotency key (Idempotency-Key) is empty
refusal-key-too-long = The idempotency key (Idempotency-Key) is longer than { $n } { $n ->
        [one] character
       *[other] characters
    }
refusal-key-not-printable = The idempotency key (Idempotency-Key) may consist only of printable ASCII characters

## RegisterError
refusal-register-forbidden = Children can be registered by staff of an organisation
refusal-register-wrong-kind = A certificate can be issued on enrolment by a school, a kindergarten or the Palace of Creativity for Children and Young People; other organisations are shown the certificate the family already has

## ConsultationError
refusal-consultation-forbidden = Questions to the municipal support centre (MOC) are asked by organisation staff and answered by the MOC's operator
refusal-consultation-not-found = The question was not found
refusal-consultation-closed = The question is closed: ask a new one

## LoginsError
refusal-logins-forbidden = Only an organisation's staff can issue logins
refusal-logins-not-found = This person does not belong to your organisation
refusal-logins-too-young = The pupil is under 14: the parent gets the login

## EsiaError
refusal-esia-not-configured = Signing in through Gosuslugi is not set up
refusal-esia-unavailable = Gosuslugi is unavailable at the moment: try later or sign in with a login
refusal-esia-rejected = Signing in through Gosuslugi was not completed: start again
refusal-esia-no-name = Gosuslugi did not pass on the full name: signing in is not possible

## What each demo login is for (the demo seeds these words in Russian; pages/home.rs)
home-demo-for-ivanova = Parent of a 9-year-old without a certificate: get the certificate (way 1)
home-demo-for-smirnov = Parent of a child under 5: shows from which date the certificate can be claimed
home-demo-for-kuznetsova = Parent of two: the son (12) already has a certificate, the daughter (7) does not
home-demo-for-volkova = Parent of a child about to turn 18 and of an adult daughter (cannot get one)
home-demo-for-petrov-maksim = Pupil aged 15: gets the certificate themselves (way 3)
home-demo-for-sokolova-alisa = Pupil aged 12: a parent gets the certificate for her
home-demo-for-school = School staff member (School No. 1, Tver): logins for parents, enrolment (way 4)
home-demo-for-school-admin = School administrator (School No. 1, Tver): staff and access
home-demo-for-dtdm = Staff member of the DTDM: programmes, groups, applications
home-demo-for-moc-tver = Municipal support centre of Tver: nominal, certification, invoices
home-demo-for-rmc = Regional model centre: municipalities and the region's rules
home-demo-for-kontrol = Oversight: sees everything in the region, changes nothing
