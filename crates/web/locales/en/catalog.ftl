# Page texts: catalog
# The catalogue and a programme's page, enrolment and "My applications", the contract (public
# offer), the lottery, an organisation's programmes and their editor, programme certification at
# the municipal support centre (MOC), the queues.

## Words shared by the area

catalog-free = free
catalog-table = Table
catalog-status = Status
catalog-schedule = Schedule
catalog-address = Address
catalog-dates = Dates
catalog-history = History
# When a programme's certification ends, in its history.
catalog-valid-until = valid until { $date }
# A period of classes, dates in words.
catalog-from-to = from { $from } to { $to }
# A programme's ages: "7 to 12 years old"; $years comes from catalog-ages-years.
catalog-ages = { $min } to { $max } { $years } old
catalog-ages-years = { $n ->
    [one] year
   *[other] years
}

## Programme areas (the six official directions of supplementary education)

catalog-direction-technical = Technical
catalog-direction-natural-science = Natural science
catalog-direction-physical-sport = Physical education and sport
catalog-direction-artistic = Arts
catalog-direction-tourism = Tourism and local history
catalog-direction-social = Social sciences and humanities

## How a programme is paid for

catalog-funding-free = free
catalog-funding-certificate = paid by certificate

## Programme statuses

catalog-status-draft = draft
catalog-status-submitted = in certification
catalog-status-returned = returned for changes
catalog-status-certified = certified
catalog-status-expired = certification expired

## Application statuses

catalog-application-waitlisted = on the waiting list
catalog-application-offered = place offered
catalog-application-pending = being reviewed by the organisation
catalog-application-enrolled = enrolled
catalog-application-rejected = rejected
catalog-application-withdrawn = withdrawn
catalog-application-offer-lapsed = offer expired
catalog-application-ended = studies ended

## Days of the week, short

catalog-day-mon = Mon
catalog-day-tue = Tue
catalog-day-wed = Wed
catalog-day-thu = Thu
catalog-day-fri = Fri
catalog-day-sat = Sat
catalog-day-sun = Sun

## Events in a programme's certification history

catalog-event-submit = Submitted for certification
catalog-event-certify = Certified
catalog-event-return = Returned for changes
catalog-event-edit-terms = Price, hours or ages changed: back in certification
catalog-event-expire = Certification expired
catalog-event-remind = Reminder: certification expires soon
catalog-event-other = Event
# The author of an event that no person made.
catalog-event-system = system

## What a reviewer checks before certifying a programme

catalog-check-title = The title and area match the content
catalog-check-description = The description states the aim, the content and the expected results
catalog-check-ages = The children's ages suit the content
catalog-check-hours = The modules' hours match the curriculum
catalog-check-price = The price is justified and not above the standard cost without a reason
catalog-check-groups = Every group has a teacher, a schedule, an address and places
catalog-check-licence = The organisation is licensed for supplementary education

## Programme catalogue (/catalog)

catalog-title = Programme catalogue
catalog-lead = Clubs, sports sections and studios in the region. Programmes "paid by certificate" are paid for with the supplementary education certificate; free ones are paid for by the budget.
catalog-search-label = What are you looking for?
catalog-search-placeholder = for example, robotics or football
catalog-search-button = Search
catalog-for-whom = For:
catalog-all-programs = all programmes
catalog-for-child = Showing what { $name } can join: programmes for this age in the municipality where the child's certificate is valid.
# $age comes from catalog-child-age: "7 years old".
catalog-for-child-aged = Showing what { $name } ({ $age }) can join: programmes for this age in the municipality where the child's certificate is valid.
catalog-child-age = { $n } { $n ->
    [one] year
   *[other] years
} old
catalog-filters = Filters
catalog-direction = Area
catalog-municipality = Municipality
# A list item: any municipality or any organisation.
catalog-all = all
catalog-age = Child's age, years
catalog-funding = Payment
# The "any" choice (payment, price).
catalog-any = any
catalog-days = Days of classes
catalog-price = Price per month
catalog-provider = Organisation
# The order of results.
catalog-sort = Sort by
catalog-sort-relevance = relevance
catalog-sort-start = soonest start
catalog-sort-price = price
catalog-price-zero = 0 ₽
catalog-price-up-to-1000 = up to 1 000 ₽
catalog-price-1000-3000 = 1 000–3 000 ₽
catalog-price-3000-5000 = 3 000–5 000 ₽
catalog-price-over-5000 = over 5 000 ₽
catalog-show = Show
catalog-reset = Clear filters
catalog-to-results = To the results ↓
catalog-no-words = Your search has no words to look for. Try, for example, "football" or "drawing".
catalog-nothing = Nothing found. Try another word or remove some of the filters.
catalog-found = Programmes found: { $total }.
catalog-shown = Showing { $first }–{ $last }.
catalog-pages = Result pages
catalog-prev = ← Previous
catalog-page-of = Page { $page } of { $pages }
catalog-next = Next →
# A programme's card. $price is an amount with "₽" already.
catalog-card-price-from = from { $price } a month
# After the age range: "7–12 years".
catalog-card-years = { $n ->
    [one] year
   *[other] years
}
catalog-card-no-seats = no places left
catalog-card-seats = places left: { $seats }
catalog-card-start = classes from { $date }
# The start of "… Please wait 30 s and try again."
catalog-too-many = The catalogue has been opened too often from your address

## A programme's page (/catalog/…)

program-back = ← Programme catalogue
program-age = Ages
program-phone = Phone: { $phone }
program-certified-until = Certified until
program-enroll = Enrol
program-about = About the programme
program-photo-alt = Photo { $n } of the programme "{ $title }"
program-groups-prices = Groups and prices
# Hours in a module.
program-hours = { $hours } h
program-price-per-month = { $price } a month
program-teacher = teacher { $teacher }
program-on-map-link = on the map
program-enrollment = enrolment from { $from } to { $to }
program-enrollment-closed = enrolment closed
program-seats-left = Places left:
program-seats-of = of { $seats }
program-no-seats = No places left.
program-show-map = Show where the classes are on a map
program-on-map = On the map
program-map-label = Map: { $address }
program-open-map = open the map
program-osm-html = © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors
program-expired-note = The programme's certification has expired: no new enrolments. Children already enrolled continue until the end of their contract.
program-not-enrolling = The programme is not taking enrolments at the moment.
program-hint-sign-in = To enrol, sign in to your personal account.
program-hint-needs-certificate = You can enrol with a supplementary education certificate: get one in "Personal settings".
program-hint-needs-funds = This programme is paid for by certificate; your children's certificates do not have enough money for it at the moment. Have a look at the free programmes.

## Enrolling on a programme, and the contract (public offer)

enroll-family-only = Enrolment on programmes
enroll-family-only-text = A child is enrolled by a parent (legal representative), or by the child from the age of 14, from their own personal account. Organisations accept applications under "Applications for study".
enroll-title = Enrolment: { $title }
enroll-heading = Enrolling on "{ $title }"
enroll-no-children = A child can be enrolled by a parent (legal representative), or by the child from the age of 14, from their own personal account.
enroll-who = Who is enrolling
enroll-which-group = Which group
enroll-no-groups = No group is open for enrolment at the moment.
# Choosing a group: "Group 1: Sat 10:00–12:15, from 1 September 2026 — places left: 5".
enroll-group-choice = { $title }: { $schedule }, from { $start } — { $seats }
enroll-seats-lottery = lottery after { $date }
enroll-seats-waitlist = no places left — waiting list
enroll-seats-free = places left: { $seats }
enroll-show-terms = Show the contract's terms
enroll-offer = Education contract (public offer)
# The party to the contract that teaches: the organisation.
enroll-provider = Provider
# INN: the Russian taxpayer number.
enroll-inn = INN { $inn }
enroll-pupil = Pupil
enroll-program = Programme
enroll-group = Group
# How long the contract runs.
enroll-term = Period
enroll-cost = Cost
enroll-cost-month = Cost per month
enroll-certificate-pays = Paid by the certificate
enroll-family-pays = Paid by the family
enroll-family-per-month = { $price } a month (under a contract with the organisation)
enroll-months-caption = By month (a part month by days)
enroll-month = Month
enroll-days = Days
enroll-from-certificate = From the certificate
# Days of the month under the contract, of the month's days: "6 of 30".
enroll-days-of = { $days } of { $of }
enroll-total = Total for the period:
enroll-total-split = , of which the certificate pays { $hold } and the family { $family }.
enroll-available = Available on the certificate: { $available };
enroll-reserve = after enrolment { $hold } will be reserved, leaving { $after }.
enroll-monthly = Each month the organisation is paid for that month from the reserve; if the child leaves early, the rest of the reserve goes straight back to the certificate.
enroll-outcome-lottery = The application will go into a lottery: places are drawn after applications close, and money is reserved only on enrolment.
enroll-outcome-waitlist = There are no places left: the child will go on the waiting list. When a place becomes free, it will be offered to you for 48 hours.
enroll-outcome-pending = The place and the money will be reserved at once; the organisation will review the application and accept the child.
enroll-accept = I have read the terms of the contract (public offer) and accept them
enroll-submit = Apply

## My applications (/applications)

applications-title = My applications
applications-none-html = No applications yet. Choose a programme in the <a href="/catalog">catalogue</a> and press "Enrol".
applications-contract = Contract
applications-number = Application number
applications-lottery = The group's lottery
applications-accept = I accept the terms of the
# The link after "I accept the terms of the".
applications-accept-link = contract (public offer)
applications-take = Confirm the place
applications-last-day = Last day of classes
applications-reason = Reason (optional)
applications-end = End the studies
applications-withdraw = Withdraw the application
applications-money = { $price } a month; reserved { $held }
applications-offer-until = The place is held until { $at } (Moscow time).
applications-draw-rank = Place in the queue from the lottery: { $rank }.
applications-reason-note = Reason: { $reason }
applications-done-pending = Application submitted: the place and the money are reserved. The organisation will review it and accept the child.
applications-done-waitlisted = Application submitted: the child is on the waiting list (or in the lottery). We will offer a place when one becomes free.
applications-done-withdrawn = Application withdrawn; the reserved money has gone back to the certificate.
applications-done-taken = Place confirmed: the money is reserved, and the organisation will review the application.
applications-done-ended = The studies will end on the date given; the rest of the reserve has gone back to the certificate.

## The contract of an application (/applications/…/contract)

contract-back = ← My applications
contract-heading = Education contract for a supplementary general education programme (public offer)
contract-application = Application no.
contract-accepted = terms accepted on { $at } (Moscow time).
contract-family = Paid by the family
contract-term-1 = The provider teaches the child under the programme in the group stated; the customer (a parent, or the pupil from the age of 14) ensures attendance.
contract-term-2 = Payment from the supplementary education certificate is made monthly for the past month: for a part month in proportion to the days, or, if the provider keeps an attendance sheet, in proportion to the lessons attended. The money is not paid out in cash and does not pass to another child.
contract-term-3 = For the duration of the contract, the cost of the remaining months is reserved on the certificate. The contract can be ended from any date in the personal account; the rest of the reserve goes straight back to the certificate.
contract-term-4 = Any unused part of the nominal value is not carried over to the next period.
contract-print = To print it, use your browser's print command.

## The lottery (/catalog/groups/…/lottery)

lottery-title = Lottery for places in a group
lottery-until = Applications were accepted until { $date } inclusive.
lottery-how = Places are given out in an order set by a random seed: applications are sorted by the SHA-256 value of the string "seed:application number" (in ascending order), and the first ones are offered a place.
lottery-commitment = Fingerprint of the seed (SHA-256), published in advance
lottery-seed = Seed
lottery-drawn = Lottery held
lottery-moscow-time = { $at } (Moscow time)
lottery-seed-later = will be published together with the result
# A printf … | sha256sum command follows.
lottery-check = Anyone can check:
lottery-check-commitment = gives the fingerprint above, and
# Put into the command in place of the application's number, in capitals.
lottery-number-placeholder = APPLICATION-NUMBER
lottery-check-order = gives the value by which the application is placed in the list.
lottery-result = Result: the order of applications
lottery-rank = Place

## An organisation's home page (/org)

org-home-title = Organisation
org-home-kind = Type
org-home-inn = INN (taxpayer number)
org-home-pupils = Pupils
# "120 in 5 classes and groups"; $classes comes from org-home-classes.
org-home-pupils-in = { $pupils } in { $classes }
org-home-classes = { $n } { $n ->
    [one] class or group
   *[other] classes and groups
}
org-home-kind-school = School
org-home-kind-kindergarten = Kindergarten
org-home-kind-creativity-center = Supplementary education institution
org-home-kind-sport-school = Sports school
org-home-kind-private = Private organisation
org-home-kind-sole-entrepreneur = Sole trader
org-home-what = What you can do
org-home-programs-note = drafts, groups, certification
org-home-applications = Applications for study
org-home-applications-note = accept or reject, end studies, attendance sheets
org-home-invoices = Invoices
org-home-invoices-note = monthly invoices for teaching paid by certificates
org-home-register = Register a child and issue a certificate
org-home-register-note = for a family without a personal account, at enrolment
org-home-check = Check a certificate
org-home-check-note = whether it is valid and how much is available on it
org-home-import = Upload pupils and parents
org-home-import-note = from the school system's export or one by one
org-home-logins = Issue logins to parents and pupils
org-home-logins-note = sheets with one-time passwords to print
org-home-staff = Staff
org-home-staff-note = invitations and confirmation
org-home-profile = Organisation details
org-home-profile-note = licence, contacts, bank details
org-home-tokens = Access for the organisation's systems
org-home-tokens-note = API tokens
org-home-consultations = Questions to the MOC
org-home-consultations-note = ask the municipal support centre (MOC) a question and get an answer

## An organisation's programmes (/org/programs)

programs-title = The organisation's programmes
programs-none = No programmes yet. Create a draft: describe the programme, add modules with a price and groups with a schedule, then submit it for certification to the municipal support centre (MOC).
programs-to-org = To the organisation's page
programs-not-found = Programme not found
programs-forbidden = No access
programs-not-done = Not done

## The programme editor (/org/programs/…)

program-edit-back = ← All programmes
program-edit-new = New programme
program-edit-status = Status:
# The status of a programme not saved yet.
program-edit-status-new = new
# Follows the status: "Status: certified, certified until …".
program-edit-certified-until = , certified until { $date }
program-edit-as-parents-see = How parents see it
program-edit-check-fields = Check the marked fields: nothing has been saved.
program-edit-ends-soon = Certification ends on { $date }. Submit the programme for certification again so that it keeps taking enrolments.
program-edit-in-review = The programme is in certification. It can be changed after the municipal support centre (MOC) decides.
program-edit-returned = The programme has been returned for changes
program-edit-what-to-fix = What to fix:
program-edit-recertify-note = Changing the price, hours or ages sends the programme for certification again; the description, photos and groups can be changed without it.
program-edit-title = Title
program-edit-choose = — choose —
program-edit-description = Description: the aim, the content, what the child will learn (up to 5000 characters)
program-edit-age-min = Children's ages: from (years)
program-edit-age-max = to (years, inclusive)
program-edit-funding = How it is paid for
program-edit-funding-certificate = By certificate (a paid programme)
program-edit-funding-free = Free (paid for by the budget)
program-edit-create = Create a draft
program-edit-save = Save
program-edit-modules = Modules and groups
program-edit-modules-certified = The programme is certified: changing a module's hours or price sends it for certification again, and until the decision it will take no new enrolments.
program-edit-modules-note = A module is a part of the programme with its own hours and monthly price. Every module has at least one group: a teacher, a schedule, an address, places.
program-edit-module-heading = Module { $n }: { $title }
program-edit-module-not-saved = The module was not saved: check the fields.
program-edit-module-title = Module title
# The hint in the empty module title field.
program-edit-module-example = First year of study
program-edit-hours = Hours
program-edit-price = Price per month, ₽
program-edit-price-new = Price per month, ₽ (0 for free)
program-edit-normative-cost = Standard cost per month, ₽
program-edit-save-module = Save the module
program-edit-no-groups = No groups yet.
program-edit-seats-taken = Places: taken of
program-edit-taken-of = { $taken } of { $seats }
program-edit-add-group = Add a group
program-edit-delete-module = Delete the module "{ $title }" and its groups
program-edit-new-module = New module
program-edit-module-not-added = The module was not added: check the fields.
program-edit-add-module = Add the module
program-edit-photos = Photos
program-edit-no-photos = No photos.
program-edit-delete-photo = Delete photo { $n }
program-edit-photo-label = Photo (JPEG, PNG or WebP, up to 2 MB; 6 at most)
program-edit-upload = Upload
program-edit-certification = Certification
program-edit-certification-note = When the description, modules and groups are ready, submit the programme to the municipal support centre (MOC). While it is in certification it cannot be changed; the decision will appear on this page.
program-edit-submit = Submit for certification
program-edit-done-created = Draft created. Add modules and groups, then submit the programme for certification.
program-edit-done-saved = Saved.
program-edit-done-review = Saved. The price, hours or ages have changed — the programme is back in certification and takes no new enrolments until the decision.
program-edit-done-submitted = The programme has been submitted for certification. The decision will appear on this page.
program-edit-done-deleted = Deleted.

## A programme's group (/org/programs/…/groups/…)

group-edit-new = New group
group-edit-heading = Group "{ $title }"
# The tab's title: "Group: Robotics", "New group: Robotics".
group-edit-page-title = { $what }: { $program }
group-edit-title-group = Group
group-edit-module = Module: { $title }
group-edit-taken = Children enrolled: { $taken } — the number of places cannot go below that
group-edit-title = Group name
# The hint in the empty group name field.
group-edit-title-example = Group 1
group-edit-teacher = Teacher (full name)
group-edit-schedule = Schedule, as parents will read it
# The hint in the empty schedule field.
group-edit-schedule-example = Mon, Wed 16:00–17:30
group-edit-address = Address of the classes
group-edit-coordinates = Point on the map: latitude, longitude (optional; for example 56.8587, 35.9176 — you can copy it from openstreetmap.org)
group-edit-seats = Places in the group
group-edit-starts = Classes from (DD.MM.YYYY)
# The end of a period: "Classes from … to …", "Enrolment open from … to …".
group-edit-until = to
group-edit-enrollment-from = Enrolment open from
group-edit-lottery = Lottery: collect applications until (DD.MM.YYYY; empty for first come, first served). Places are drawn the next day, and anyone can check the order
group-edit-save = Save the group
group-edit-delete = Delete the group

## Programme certification at the MOC (/moc/programs)

review-queue-back = ← Municipal support centre (MOC)
review-queue-title = Programme certification
review-queue-tabs = Programmes by status
review-queue-empty = The queue is empty: all submitted programmes have been reviewed.
review-queue-none = No such programmes.
review-queue-submitted = Submitted
review-queue-changed = Changed
review-queue-done-certified = The programme is certified and now appears in the catalogue.
review-queue-done-returned = The programme has been returned to the organisation with reasons.

review-back = ← Programme certification
review-title = Certification: { $title }
review-licence = Licence
review-no-licence = not given
review-description = Description
review-photo-alt = Photo { $n }
review-modules = Modules
review-module = Module
review-price = Price per month
review-normative-cost = Standard cost
review-groups = Groups
review-teacher = Teacher
review-seats = Places
review-check = Review
review-passed = met
review-failed = not met
review-reason = What to fix (if not met)
review-decision = Decision
review-certify = Certify
review-valid-until = Certification valid until (DD.MM.YYYY)
review-return = Return for changes
review-note = Comment for the organisation (optional)
review-decide = Decide
review-choose-decision = Choose a decision: certify or return for changes

## Queues (/moc/queues)

queues-title = Queues
queues-lead-moc = Everything waiting for a decision of the municipal support centre (MOC).
queues-lead-rmc = Everything waiting for a decision of the regional model centre (RMC).
queues-nothing = Nothing is waiting now.
queues-programs = Programmes in certification: { $count }
queues-duplicates = Possible duplicate children: { $count }
queues-resolve = Resolve the cases
# $days comes from queues-stuck-days: "3 days".
queues-stuck = Applications without the organisation's decision for more than { $days }: { $count }
queues-stuck-days = { $n } { $n ->
    [one] day
   *[other] days
}
queues-stuck-note = The family is waiting for an answer, and the money is reserved. Remind the organisation or help it.
queues-program-group = Programme, group
queues-child = Child
queues-invoices = Invoices to approve: { $count }
queues-invoice = Invoice
queues-invoice-number = No. { $number }
queues-total = Amount
queues-providers = Organisations waiting for a check: { $count }

# Refusals of the area (crates/web/src/refusal/catalog.rs).

## ProgramError

refusal-program-forbidden = Programmes are managed by an organisation's staff
refusal-program-not-found = Programme not found
refusal-program-stale = The programme was changed in another window or by another staff member; open it again and repeat
refusal-program-in-review = The programme is in certification: it can be changed after the decision
refusal-program-seats-taken = Children are already enrolled in the group: it cannot be deleted, and the places cannot go below the number taken
refusal-program-no-group = The module "{ $module }" has no groups: add a group or delete the module

## NotReady (ProgramError::NotReady): what keeps a programme from going further

refusal-program-not-ready-enrollment-mode = The enrolment mode cannot be changed once applications have been submitted
refusal-program-not-ready-modules-limit = A programme can have no more than 20 modules
refusal-program-not-ready-groups-limit = A programme can have no more than 100 groups
refusal-program-not-ready-no-module = Add at least one module
refusal-program-not-ready-groups-over = All the groups have already finished their classes: add a group with dates ahead
refusal-program-not-ready-free-price = A free programme's modules cost 0 ₽
refusal-program-not-ready-certificate-price = For a programme paid with a certificate, give the price of every module

## TransitionError (of a programme); $status comes from catalog-status-*

refusal-program-transition-submit = A programme with the status "{ $status }" cannot be submitted for certification
refusal-program-transition-certify = A programme with the status "{ $status }" cannot be certified
refusal-program-transition-return = A programme with the status "{ $status }" cannot be returned for changes
refusal-program-transition-edit-terms = A programme with the status "{ $status }" cannot be changed like this
refusal-program-transition-expire = A programme with the status "{ $status }" cannot be treated as expired

## ProviderTransitionError; $status comes from provider-status-*

refusal-provider-transition = An organisation with the status "{ $status }" cannot have its status changed this way

## ProviderError

refusal-provider-forbidden = Only staff of the municipal support centre (MOC) can do this
refusal-provider-not-found = Organisation not found
refusal-provider-already-registered = An organisation with this INN or OGRN is already in the register; if it is yours, contact the municipal support centre (MOC)
refusal-provider-reason-missing = Write the reason: the organisation will see it
refusal-provider-not-ready-for-login = A login is issued once the documents have been checked
refusal-provider-stale = Another staff member has already changed the status; reload the page

## JoinError

refusal-join-unknown-code = There is no such invitation, or it has already been used or has expired: ask the organisation's administrator for a new one
refusal-join-already-waiting = You are already waiting for this organisation's confirmation

## OrganizationError

refusal-organization-forbidden = This page is for an organisation's staff

## RulesError

refusal-rules-forbidden = The region's rules are set by the regional model centre (RMC)
