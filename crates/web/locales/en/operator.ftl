# Page texts: operator
# The back office of the municipal support centres (MOC) and the regional model centre (RMC),
# and the organisation's pages: staff, pupil upload, logins, questions to the MOC.

## Shared by the back office's pages

operator-table = Table
operator-forbidden = Access denied
operator-not-done = Not done
operator-save = Save
operator-choose = — choose —
operator-check-fields = Check the marked fields: nothing has been saved.
operator-nothing-changed = Nothing has changed.
operator-taken-of = { $taken } of { $quota }
operator-dates = { $from } – { $to }
operator-history = History

## moc.html

moc-title-operator = Municipal support centre (MOC)
moc-title-region = Regional model centre (RMC)
moc-queues = Queues
moc-all-queues = All queues on one page
moc-dashboard = Dashboard
moc-reports = Reports
moc-audit = Audit log
moc-programs = Programmes awaiting certification
moc-providers = Register of providers
moc-providers-note = applications from organisations, suspension and resumption
moc-duplicates = Possible duplicate children
moc-billing = Charges and invoices
moc-billing-note = monthly charges, approval of invoices, payment orders
moc-consultations = Consultations
moc-consultations-note = questions from organisations
moc-find-certificate = Find a certificate
moc-certificate-number = Certificate number
moc-open = Open
moc-region = Region
moc-municipalities = Municipalities
moc-municipalities-note = support centres, their phone numbers and operators
moc-rules = Regional rules
moc-rules-note = who certifies programmes (currently { $certifier }), how long to accept an offered place, queues
moc-certifier-region = the regional model centre
moc-certifier-municipal = the municipal support centres
moc-region-reports = Regional reports
moc-region-reports-note = registers without SNILS
moc-audit-note = for the whole region
moc-certified-by-region = The region's programmes are certified by the regional model centre (RMC); here you can only view them.
moc-periods = Periods and certificates with a nominal value
moc-periods-link = Periods: new period, nominal values, history of changes
moc-col-year = Year
moc-col-dates = Dates
moc-col-nominal = Nominal value
moc-col-funded = Certificates with a nominal value: issued of
moc-col-waiting = Waiting for a nominal value
moc-nominal-from = from { $amount }, by age
moc-only-back-office = this page is for the municipal support centre

## duplicates.html

duplicates-title = Possible duplicate children
duplicates-intro =
    A child with the same full name and date of birth is already in the register, but the SNILS differs or the surname
    and first name are spelt differently (ё/е). The system never merges anything by itself: decide whether this is one
    child or two. Until the case is decided, no certificate is issued for the second record.
duplicates-none = There are no open cases.
duplicates-municipality = Municipality: { $name }
duplicates-col-facts = Details
duplicates-col-existing = Already in the register
duplicates-col-claimed = New record
duplicates-name = Full name
duplicates-born = Date of birth
duplicates-snils = SNILS
duplicates-parents = Parents
duplicates-certificate = Certificate
duplicates-same = This is one child — merge
duplicates-different = These are different children
duplicates-snils-none = not given
duplicates-certificate-none = none
duplicates-municipality-none = not given
duplicates-saved = The decision has been saved.
duplicates-no-decision = No decision chosen
duplicates-no-decision-text = Choose a decision: one child or different children.
duplicates-not-found = Case not found
duplicates-source-esia = sign-in through Gosuslugi (the public services portal)
duplicates-source-organization = registration at an organisation
duplicates-source-import = a school's list upload
duplicates-source-application = an application

## audit.html

audit-title = Audit log
audit-intro-1 =
    Every change in the system: who, when, from which address, what it was and what it became. The log is only ever
    added to; each record keeps the hash of the previous one, and
audit-intro-2 = checks the whole chain.
audit-scope-municipality = Here are the records of your municipality.
audit-login = Who (login)
audit-certificate = Certificate number
audit-inn = Organisation (INN)
audit-from = From
audit-to = To
audit-person-only = Only records about the chosen person.
audit-reset = Reset
audit-find = Search
audit-none = No records found.
audit-col-when = When (Moscow time)
audit-col-who = Who
audit-col-action = Action
audit-col-changes = Before → after
audit-col-seq = No. in the chain
audit-person-all = all records about this person
audit-earlier = Earlier
audit-system = system (command or schedule)
audit-not-chained = not yet in the chain
audit-with-disability = for children with disabilities { $amount }
audit-role-parent = Parent (legal representative)
audit-role-child = Pupil
audit-role-organization-staff = Organisation staff member
audit-role-organization-admin = Organisation administrator
audit-role-municipal-operator = Municipal support centre (MOC)
audit-role-regional-admin = Regional model centre (RMC)
audit-role-auditor = Oversight (view only)
audit-role-unknown = role
audit-field-status = status
audit-field-reason = reason
audit-field-year = year
audit-field-starts-on = start
audit-field-ends-on = end
audit-field-nominals = nominal values
audit-field-funded-quota = certificates with a nominal value
audit-field-funded-count = issued with a nominal value
audit-field-funded = with a nominal value
audit-field-upgraded = given a nominal value now
audit-field-disability = disability
audit-field-topped-up = topped up
audit-field-available = available

audit-action-application-apply = Application for a place
audit-action-application-decide = Decision on an application
audit-action-application-withdraw = Application withdrawn by the family
audit-action-application-take-offer = Offered place accepted
audit-action-application-leave = End of studies
audit-action-billing-run = Monthly charges
audit-action-invoice-approve = Invoice approved
audit-action-invoice-export = Payment orders exported
audit-action-charge-reverse = Charge reversed
audit-action-attendance-save = Attendance register saved
audit-action-period-open = Period opened
audit-action-period-close = Period closed
audit-action-application-lapse = Offered place not accepted in time
audit-action-certificate-issue = Certificate issued
audit-action-certificate-suspend = Certificate suspended
audit-action-certificate-resume = Certificate resumed
audit-action-certificate-close = Certificate closed
audit-action-period-set-quota = Number of certificates with a nominal value changed
audit-action-period-create = Period set
audit-action-period-set-nominals = Period's nominal values changed
audit-action-period-fund-waiting = Nominal value given to waiting certificates
audit-action-person-set-disability = Child's disability details changed
audit-action-duplicate-hold = Child held pending a possible duplicate check
audit-action-duplicate-resolve = Decision on a possible duplicate
audit-action-lottery-draw = Lottery drawn
audit-action-program-create = Programme created
audit-action-program-edit = Programme changed
audit-action-program-submit = Programme sent for certification
audit-action-program-certify = Programme certified
audit-action-program-return = Programme returned for revision
audit-action-program-expire = Programme's certification expired
audit-action-program-remind = Reminder of the end of certification
audit-action-module-add = Module added
audit-action-module-edit = Module changed
audit-action-module-delete = Module deleted
audit-action-group-add = Group added
audit-action-group-edit = Group changed
audit-action-group-delete = Group deleted
audit-action-photo-add = Photo added
audit-action-photo-delete = Photo deleted
audit-action-setting-change = Setting changed
audit-action-mail-retry = E-mail sent again
audit-action-provider-apply = Organisation's application to the register
audit-action-provider-decide = Organisation's status in the register changed
audit-action-organization-details = Organisation's details changed
audit-action-staff-invite = Staff member invited
audit-action-staff-join = Request to join an organisation
audit-action-staff-approve = Staff member accepted into the organisation
audit-action-staff-reject = Staff member's request rejected
audit-action-staff-revoke = Staff member removed from the organisation
audit-action-import-commit = List of pupils loaded into the register
audit-action-login-issue = Login and one-time password issued
audit-action-api-token-create = Token issued for the organisation's system
audit-action-api-token-revoke = Token for the organisation's system revoked
audit-action-account-set-password = Password changed
audit-action-account-logout-everywhere = Signed out on all devices
audit-action-account-switch-role = Role switched
audit-action-account-link-esia = Sign-in through Gosuslugi (the public services portal): account and children
audit-action-consultation-ask = Question to the MOC asked
audit-action-consultation-reply = Reply in a consultation
audit-action-consultation-close = Consultation closed
audit-action-municipality-add = Municipality added
audit-action-municipality-edit = Municipality changed
audit-action-operator-add = MOC operator added, one-time password issued
audit-action-operator-withdraw = MOC operator's role withdrawn
audit-action-personal-data-download = Download of one's own personal data
audit-action-person-anonymize = Person's details anonymised: retention period expired

## periods.html, period.html, period_groups.html

periods-title = Periods
periods-intro =
    A period is the year for which the municipality sets the certificates' nominal values and the number of
    certificates with a nominal value. Whatever is not spent by the end of the period is not carried over.
periods-none = There are no periods yet.
periods-col-year = Year
periods-col-dates = Dates
periods-col-state = State
periods-col-nominals = Nominal values
periods-col-funded = With a nominal value: issued of
periods-col-waiting = Waiting for a nominal value
periods-new = New period
periods-year = Year
periods-starts-on = Start
periods-ends-on = End (inclusive)
periods-nominals-legend = Nominal values by the child's age (age on the day the certificate receives its nominal value)
periods-create = Set the period
period-all = All periods
period-title = Period { $year }
period-dates = Dates
period-state = State
period-nominals = Nominal values
period-funded = Certificates with a nominal value
period-taken-of = { $taken } issued of { $quota }
period-waiting = Waiting for a nominal value
period-save-nominals = Save the nominal values
period-started = The period has already begun: money has been charged against its nominal values, so they no longer change.
period-quota-label = Number of certificates with a nominal value
period-quota-note =
    An increase gives a nominal value to waiting certificates at once, in the order the certificates were received.
    A decrease takes nothing back: new certificates will have no nominal value while more have been issued than the new number.
period-over = The period has ended: the number no longer changes.
period-no-history = No changes yet.
period-col-when = When
period-col-who = Who
period-col-what = What
period-groups-age = Age
period-groups-nominal = Nominal value for the period, ₽
period-groups-disability = For children with disabilities, ₽ (if higher)
period-groups-nominal-for = Nominal value for { $ages }
period-groups-disability-for = Nominal value for children with disabilities, { $ages }
period-age-to = { $n } { $n ->
    [one] year
   *[other] years
}
period-one-nominal = { $amount } for all ages
period-nominal-disability = { $ages }: { $amount } (with disabilities { $disability })
period-nominal = { $ages }: { $amount }
period-state-closed = closed, remaining balances written off
period-state-over = ended
period-state-future = not yet begun
period-state-running = running
period-not-found = Period not found
period-not-saved = Not saved
period-nominal-typo = Nominal value for { $ages }: an amount in roubles, for example 7000 or 7 000,50
period-year-typo = Year: four digits, for example 2027
period-start-typo = Start of the period: a date, for example 01.01.{ $year }
period-end-typo = End of the period: a date, for example 01.01.{ $year }
period-quota-typo = Number of certificates with a nominal value: a whole number, for example 1200
period-created = The period has been set.
period-nominals-changed = The nominal values have been changed.
period-quota-changed = The number of certificates with a nominal value has been changed. Given a nominal value: { $n }.
period-quota-below = More have been issued than the new number: what has been issued is not taken back; new certificates will have no nominal value until fewer have been issued.

## providers.html, provider.html

providers-tabs = Providers by status
providers-none = There are no such organisations.
providers-col-organization = Organisation
providers-col-kind = Type
providers-col-inn = INN
providers-col-municipality = Municipality
provider-activated = The organisation has been added to the register.
provider-pass-login = Give the head the login and the one-time password (the password is shown once and is valid for 30 days):
provider-login = Login:
provider-one-time-password = one-time password:
provider-status = Status
provider-full-name = Full name
provider-kind = Type
provider-inn-ogrn = INN / OGRN
provider-licence = Licence
provider-licence-none = not given
provider-address = Address
provider-head = Head
provider-contacts = Contacts
provider-bank = Bank
provider-bank-none = not given
provider-bik = BIC { $bik }
provider-account = account { $account }
provider-reason = Reason (the organisation will see it)
provider-reissue = Issue a new one-time password to the organisation's administrator
provider-not-found = Organisation not found
provider-applicant = applicant
provider-decided = The decision has been recorded in the organisation's history.
provider-event-applied = Application submitted
provider-event-verified = Documents checked
provider-event-activated = Added to the register: active
provider-event-suspended = Suspended
provider-event-resumed = Resumed
provider-event-details = Details changed
provider-event-other = Event
provider-action-verify = Documents checked
provider-action-activate = Add to the register and issue a login to the head
provider-action-suspend = Suspend
provider-action-resume = Resume
provider-status-applied = application submitted
provider-status-verified = documents checked
provider-status-active = active
provider-status-suspended = suspended
provider-kind-school = School
provider-kind-kindergarten = Kindergarten
provider-kind-creativity-center = Supplementary education institution
provider-kind-sport-school = Sports school
provider-kind-private-organization = Private organisation
provider-kind-sole-entrepreneur = Sole proprietor

## provider_form.html

provider-form-application-title = Application to the register of providers
provider-form-application-heading = Application to the register of education service providers
provider-form-application-lead =
    For schools, kindergartens, supplementary education institutions, sports schools, private organisations and
    sole proprietors who want to run programmes paid for with the certificate. The municipal support centre (MOC)
    will check the documents; after that, the head will receive the organisation administrator's login.
provider-form-details = Organisation details
provider-form-in-register = In the register:
provider-form-details-note = Payment orders are drawn up from these details: the BIC and the account are checked against their check digit.
provider-form-organization = Organisation
provider-form-short-name = Short name
provider-form-inn = INN (taxpayer number)
provider-form-ogrn = OGRN (OGRNIP) (state registration number)
provider-form-municipality = Municipality
provider-form-head = Head (full name): will receive the administrator's login
provider-form-licence-contacts = Licence and contacts
provider-form-licence = Educational activity licence number (not needed for sole proprietors without employed teachers)
provider-form-phone = Phone
provider-form-email = Email
provider-form-bank-details = Bank details
provider-form-bik = BIC
provider-form-account = Settlement account
provider-form-apply = Submit the application
provider-form-applied = Application received: { $name }. The municipal support centre (MOC) will check the documents and get in touch using the contacts given; after that, the head will receive the organisation administrator's login.
provider-form-saved = The details have been saved.

## staff.html

staff-organization = Organisation
staff-title = Organisation staff
staff-invitation-for = Invitation for { $name }: code
staff-invitation-note =
    The code is shown once and is valid for 7 days.
    The staff member signs in to their personal cabinet (with a login from the school or through Gosuslugi, the public
    services portal), opens "Personal settings" → "Join an organisation" and enters the code; then you confirm them here.
staff-pending = Awaiting confirmation
staff-pending-person = { $name } (login { $login })
staff-approve = Confirm
staff-reject = Reject
staff-members = Staff
staff-col-name = Full name
staff-col-login = Login
staff-col-role = Role
staff-role-admin = administrator
staff-role-staff = staff member
staff-revoke = Remove
staff-revoke-label = Remove staff member: { $name }
staff-invite = Invite a staff member
staff-invite-name = Staff member's full name
staff-invite-submit = Get an invitation code
staff-invitations = Unused invitations
staff-invitation-until = until { $until }
staff-join-title = Join an organisation
staff-join-sent = Request sent to "{ $name }". When the organisation's administrator confirms it, the staff member role will appear in "Personal settings".

## import.html

import-title = Pupil upload
import-running = Uploading: written { $done } of
import-running-rows = { $n } { $n ->
    [one] row
   *[other] rows
}
import-running-note =
    The page will refresh by itself.
    If it does not change for more than five minutes, upload the file again: until the upload is complete, nothing is saved.
import-done-children = Uploaded: new children { $n }
import-done-updated = updated { $n }
import-done-parents = new parents { $n }
import-check-file = Checking the file "{ $file }"
import-new = New pupils: { $n }.
import-updated = To be updated: { $n }.
import-with-problems = Rows with errors: { $n }.
import-load-rows = Upload { $n } { $n ->
    [one] row
   *[other] rows
}
import-fix-errors = Correct the errors in the file and upload it again: while the file has errors, nothing is saved.
import-col-line = Row
import-col-pupil = Pupil
import-col-effect = What will happen
import-col-problems = Errors
import-effect-new = new
import-effect-update = will be updated
import-effect-error = error
import-add-one = Add a single pupil
import-class = Class
import-pupil = Pupil's full name
import-birth-date = Date of birth (DD.MM.YYYY)
import-snils = Pupil's SNILS, if known
import-parent = Parent's full name
import-phone = Parent's phone
import-email = Parent's email
import-add = Add
import-upload = Upload a file
import-upload-note =
    An export from the school system in XLSX or CSV format (UTF-8 or Windows-1251). Columns, headed in Russian:
    «Класс» (class), «ФИО ученика» (pupil's full name), «Дата рождения» (date of birth), «СНИЛС» (SNILS, if any),
    «ФИО родителя» (parent's full name), «Телефон» (phone), «Email». First the site shows what will happen and
    saves nothing until you confirm.
import-file = File with the list
import-check = Check the file
import-no-file = Choose the file with the list of pupils (XLSX or CSV)
import-file-unnamed = file
import-not-added = The pupil was not added: { $problems }

## logins.html

logins-title = Logins for parents and pupils
logins-intro =
    Issue logins to a whole class or to one person. The site will create a sheet with logins and one-time
    passwords for printing: one slip per person. The one-time passwords exist only in this file; people choose
    their own passwords themselves, and staff cannot see them.
logins-no-pupils = There are no pupils yet.
logins-upload-pupils = Upload the list of pupils
logins-classes-label = Classes
logins-classes = Classes:
logins-class = Class { $class }
logins-teens = and to pupils aged 14 and over
logins-issue-class = Issue logins to the class (PDF)
logins-col-pupil = Pupil
logins-col-whom = Issue to
logins-col-state = State
logins-parent = { $name } (parent)
logins-own = { $name } (the pupil, 14+)
logins-issue = Issue or reissue
logins-state-none = no login
logins-state-issued = login { $login } issued, not signed in yet
logins-state-active = login { $login }, own password set
logins-nothing-new = No new logins: everyone in the class already has their own password. A password can be reissued for one person.

## region_municipalities.html, region_municipality.html, region_municipality_fields.html

municipalities-intro =
    The region's municipal support centres, their phone numbers and operators. Children: under 18, living in the
    municipality; certificates: active and suspended.
municipalities-col-name = Municipality
municipalities-col-code = Code
municipalities-col-center = Support centre
municipalities-col-operators = Operators
municipalities-col-children = Children
municipalities-col-certificates = Certificates
municipalities-no-operators = none
municipalities-add = Add a municipality
municipalities-not-added = Check the marked fields: the municipality has not been added.
municipality-pass-login = Give the operator the login and the one-time password
municipality-pass-login-note =
    (the password is shown once and is valid for 30 days;
    at first sign-in the operator will set their own password):
municipality-login = login:
municipality-operators = Support centre operators
municipality-no-operators = There are no operators: add the first one below.
municipality-col-name = Full name
municipality-col-login = Login
municipality-col-sign-in = Sign-in
municipality-col-since = Operator since
municipality-new-password = New one-time password
municipality-new-password-label = New one-time password: { $name }
municipality-withdraw = Withdraw the role
municipality-withdraw-label = Withdraw the role of the operator { $name }
municipality-withdraw-note = A withdrawn role closes the MOC cabinet to the operator at once: their sessions end.
municipality-new-operator = New operator
municipality-operator-name = Operator's full name
municipality-operator-name-example = Smirnova Anna Viktorovna
municipality-operator-login = Login (Latin letters; leave empty to make it from the surname and initials)
municipality-create-operator = Create the operator's account
municipality-details = Municipality details
municipality-field-name = Name
municipality-field-name-example = Bezhetsky Municipal District
municipality-field-code = Code: Latin letters, words joined by hyphens (used in reports and data uploads)
municipality-field-kind = Type
municipality-field-phone = Support centre phone
municipality-kind-urban-okrug = Urban district (gorodskoy okrug)
municipality-kind-municipal-okrug = Municipal district (munitsipalny okrug)
municipality-kind-district = Municipal area (munitsipalny rayon)
municipality-kind-zato = Closed administrative territory (ZATO)
municipality-has-password = has set their own password
municipality-no-password = has not set a password yet
municipality-not-found = Municipality not found
municipality-operator-not-found = Operator not found
municipality-check-form = Check the form's fields
municipality-added = The municipality has been added. Create accounts for the operators of its support centre.
municipality-saved = The municipality's details have been saved.
municipality-withdrawn = The operator's role has been withdrawn: their sessions have ended, and the MOC cabinet will no longer open for them.

## region_rules.html

rules-certifier = Who checks and certifies programmes
rules-certifier-municipality = The municipal support centres (MOC): each its own programmes
rules-certifier-region = The regional model centre (RMC): all the region's programmes
rules-enrolment = Enrolment in groups
rules-offer-hours = How many hours a family has to accept a place that has become free in a group (1 to 336)
rules-offer-note = The place is offered to the first in the queue (after a lottery, in its order); if not accepted in time, it passes to the next.
rules-lottery-days = Default lottery: how many days to collect applications for a new group (0 means first come, first served; 0 to 60)
rules-lottery-note = The new group form will suggest the closing date for applications; the organisation may change or remove it.
rules-queues = MOC queues
rules-stuck-days = After how many days an application without the organisation's decision goes to the "Applications without a decision" queue (1 to 60)
rules-save = Save the rules
rules-saved = The regional rules have been saved.

## consultations.html, consultation.html

consultations-org-title = Questions to the MOC
consultations-org-intro = Your municipality's municipal support centre (MOC) will see the question; the answer will arrive here.
consultations-none = There are no questions yet.
consultations-col-topic = Subject
consultations-col-organization = Organisation
consultations-col-status = Status
consultations-col-updated = Updated
consultations-ask = Ask a question
consultations-check-form = Check the form's fields.
consultations-topic = Subject (3 to 200 characters)
consultations-question = Question
consultations-files = Files (PDF, JPEG, PNG, DOCX or XLSX; up to 3 files, each up to 5 MB)
consultations-not-found = Question not found
consultations-status-open = Awaiting an answer
consultations-status-answered = Answered
consultations-status-closed = Closed
consultations-too-large = Files too large
consultations-too-large-question = The question was not sent: the files are too large. Attach no more than 3 files, each up to 5 MB.
consultations-too-large-reply = Not sent: the files are too large. Attach no more than 3 files, each up to 5 MB.
consultations-size-mb = { $size } MB
consultations-size-kb = { $size } KB
consultation-from-moc = (MOC)
consultation-add = Add to the question
consultation-reply = Reply
consultation-text = Text
consultation-send = Send
consultation-close = Close the question

# Failed e-mails (/region/mail)
mail-title = Failed e-mails
mail-lead = Notification e-mails the mail server refused after every attempt (about 8 hours). The person still sees the notification in their cabinet. Addresses are shown in part: the domain tells a typo or a mail server that is down.
mail-counts = Queued: { $queued }, sending: { $sending }, sent in the last month: { $sent }, failed: { $failed }.
mail-none = No e-mail has failed.
mail-when = Created
mail-to = To
mail-kind = Notification
mail-attempts = Attempts
mail-error = The mail server's answer
mail-retry = Send again
mail-retried = The e-mail is queued again: it goes within a minute.
mail-gone = This e-mail is no longer among the failed ones: it was sent again or removed.
moc-mail = Failed e-mails
moc-mail-note = notifications the mail server refused

# The back office's refusals on pages (crates/web/src/refusal/operator.rs): the app's errors
# (their Display is the Russian), in English.

## PeriodError
refusal-period-forbidden = Periods are set by each municipality's own municipal support centre
refusal-period-not-found = Period not found
refusal-period-quota-out-of-range = The number of certificates with a nominal value must be from 0 to 10,000,000
refusal-period-period-over = The period has already ended: its number of certificates with a nominal value cannot change
refusal-period-started = The period has already started: money has been credited at its nominal values, so they cannot be changed
refusal-period-year = The period's year must be from 2020 to 2100, and the period starts in that year
refusal-period-dates-reversed = The period ends before it starts
refusal-period-too-long = A period lasts no longer than a year
refusal-period-in-the-past = The period would already be over: a new period must end no earlier than today
refusal-period-overlaps = The dates overlap the { $year } period: a municipality's periods must not overlap
refusal-period-year-taken = A period for { $year } has already been set

## QueueError
refusal-queue-forbidden = The queue of possible duplicate children is kept by the municipal support centre
refusal-queue-not-found = This case was not found or has already been decided

## QueuesError
refusal-queues-forbidden = Queues are kept by the municipal support centre and the regional model centre

## MunicipalityError
refusal-municipality-forbidden = Municipalities and their operators are managed by the regional model centre
refusal-municipality-not-found = There is no such municipality in the region
refusal-municipality-operator-not-found = This municipality has no such operator: the role may already have been withdrawn

## AuditError
refusal-audit-forbidden = The audit log is open to MOC operators, the regional model centre and oversight
refusal-audit-bad-query-no-login = There is no such login
refusal-audit-bad-query-no-certificate = There is no certificate with this number
refusal-audit-bad-query-no-organization = There is no organisation with this INN
refusal-audit-bad-query-from-date = “From”: a date in the form 2026-11-26
refusal-audit-bad-query-to-date = “To”: a date in the form 2026-11-26
refusal-audit-bad-query-off-calendar = The date is outside the calendar
refusal-audit-bad-query-dates-reversed = “From” is later than “To”

## DashboardError
refusal-dashboard-forbidden = The dashboard is open to the municipal support centre, the regional model centre and oversight
refusal-dashboard-not-ready = The dashboard is still being prepared: refresh the page in a minute

## ReportError
refusal-report-forbidden = Reports are open to the municipal support centre, the regional model centre and oversight

## OutboxError
refusal-outbox-forbidden = The region's failed e-mails are seen by the regional model centre
refusal-outbox-gone = This e-mail is no longer among the failed ones: it was sent again or removed

## ImportError
refusal-import-forbidden = Only the organisation's staff can upload pupils
refusal-import-too-large = The file is larger than 20 MB: split it, for example by class
refusal-import-missing-columns = The file lacks these columns: { $columns }
refusal-import-not-pending = This file has already been uploaded or its preview is out of date: upload the file again
refusal-import-has-problems = The file has errors: correct them and upload the file again

## FileError
refusal-file-empty = The file is empty
refusal-file-xlsx = The file could not be read as an Excel spreadsheet: { $cause }
refusal-file-csv = The file could not be read as CSV: { $cause }

## TokenError
refusal-token-forbidden = Only the organisation's administrator issues tokens for its systems
refusal-token-bad-name = Say which system the token is for (up to 100 characters)
refusal-token-not-found = There is no such active token

## RowProblem: a problem of one row of a pupils file (after a colon, a refusal from forms.ftl)
refusal-row-problem-no-class = The class is not given
refusal-row-problem-pupil-name = Pupil's full name: { $problem }
refusal-row-problem-age = The pupil's age is { $age } (date of birth { $written }): check the date
refusal-row-problem-birth-date = Date of birth: { $problem }
refusal-row-problem-snils = SNILS: { $problem }
refusal-row-problem-parent-name = Parent's full name: { $problem }
refusal-row-problem-phone = Phone "{ $phone }": 11 digits are needed, for example +7 900 123-45-67
refusal-row-problem-email = The email address "{ $email }" is written incorrectly
refusal-row-problem-repeated = This pupil is already in row { $first }
refusal-row-problem-other-snils-in-file = Row { $first } has a pupil with the same full name and date of birth but a different SNILS: please check
refusal-row-problem-known-with-other-snils = A child with this full name and date of birth is already registered with a different SNILS: check the SNILS or contact the municipal support centre
refusal-row-problem-several-known = There are several children with this full name and date of birth: give the SNILS
