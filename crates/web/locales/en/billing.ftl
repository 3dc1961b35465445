# Page texts: billing
# Enrolment and payment (a provider's applications, attendance sheets, invoices, the municipal
# support centre's billing runs), reports and the dashboard. The documents (invoice PDF and XLSX,
# payment orders, XLSX reports) stay in Russian and are not here.

## Shared by the billing pages

billing-table = Table
billing-not-found = Not found
billing-forbidden = No access
billing-not-done = Not done
billing-back-org = Organisation page
billing-back-moc = Municipal support centre (MOC)
# "3 of 4": days of the contract in the month, lessons attended of those held.
billing-of = { $part } of { $whole }

billing-col-month = Month
billing-col-state = Status
billing-col-contracts = Contracts
billing-col-total = Amount
billing-col-started = Started
billing-col-finished = Finished
billing-col-number = Number
billing-col-organization = Organisation
billing-col-lines = Lines
billing-col-child = Child
billing-col-certificate = Certificate
billing-col-program = Programme and group
billing-col-days = Days
billing-col-lessons = Lessons
billing-col-contract-dates = Contract dates
billing-col-per-month = Per month
billing-col-decision = Decision
billing-col-attended = Lessons attended

## Applications for classes (the provider)

billing-applications-title = Applications for classes
billing-applications-tabs = Applications by status
billing-tab-waiting = Awaiting decision
billing-tab-enrolled = Attending
billing-tab-closed = Finished and rejected
billing-applications-sheets = Attendance sheets:
billing-applications-none-new = No new applications.
billing-applications-none = No such applications.
billing-applied-on = applied on { $at }
billing-sheet-link = attendance sheet
# amount: the monthly amount the certificate pays.
billing-covered = { $amount } from the certificate
billing-accept = Accept
billing-reject = Reject
billing-reject-reason = Reason for rejection (the family will see it)
billing-last-day = Last day of classes (DD.MM.YYYY)
billing-end-reason = Reason
billing-end = End the enrolment
billing-offer-until = waiting for the family's answer until { $until }

# Application statuses.
billing-status-waitlisted = on the waiting list
billing-status-offered = place offered
billing-status-pending = under review by the organisation
billing-status-enrolled = enrolled
billing-status-rejected = rejected
billing-status-withdrawn = withdrawn
billing-status-offer-lapsed = offer expired
billing-status-ended = enrolment ended

billing-done-accepted = The child is enrolled: the contract is in force and the family can see this in their applications.
billing-done-rejected = The application was rejected; the place and the certificate's money have been released.
billing-done-ended = The enrolment has ended; the remaining money has gone back to the certificate.
billing-choose-decision = Choose a decision: accept or reject
billing-last-day-invalid = The last day of classes must be a date as DD.MM.YYYY

## Attendance sheet

billing-sheet-title = Attendance sheet
billing-sheet-page-title = Attendance: { $group }
billing-sheet-previous = previous month
billing-sheet-next = next month
billing-sheet-closed = This month has already been billed: the sheet is closed and shown for reference only.
billing-sheet-empty = Nobody in this group attends with a certificate this month.
billing-sheet-note = If the sheet for the month is filled in, payment is based on the lessons attended; if not, on the days of the contract.
billing-sheet-lessons = Lessons in the month according to the timetable
billing-sheet-save = Save the sheet
billing-sheet-saved = The attendance sheet has been saved.

## Invoices

billing-invoices-title = Organisation's invoices
billing-org-invoices-none = No invoices yet. An invoice is issued after the municipal support centre (MOC) has run the billing for the month.
billing-invoice-number = No. { $number }
billing-invoice-title = Invoice No. { $number }
billing-invoice-issued = Issued
billing-invoice-approved-at = approved { $at }
billing-invoice-exported-at = exported { $at }
billing-invoice-total = Total payable
billing-invoice-download = Download:
billing-invoice-pdf = PDF for printing
billing-invoice-xlsx = XLSX spreadsheet
billing-invoice-lines = Invoice lines
billing-invoice-lines-none = No lines.
billing-approve = Approve
billing-reverse = Reverse
billing-reverse-reason = Reason for the reversal
billing-reversed = reversed
billing-invoice-issued-state = issued
billing-invoice-approved-state = approved
billing-invoice-exported-state = exported to payment orders
billing-done-approved = The invoice is approved: it will be included in the next export of payment orders.
billing-done-reversed = The charge has been reversed: the money went back to the certificate and the invoice total has gone down.

## Billing and invoices (MOC)

billing-moc-title = Billing and invoices
billing-run = Bill the month
billing-run-note =
    Billing takes the month's payment from the certificates for all the region's contracts in force (by the
    days of the contract or by the attendance sheet) and issues one invoice to each organisation. Billing the
    same month again never charges anything twice.
billing-month-field = Month (YYYY-MM)
billing-runs = Billing runs
billing-runs-none = No billing has been run yet.
billing-run-done = finished
billing-run-going = in progress
billing-invoices = Invoices
billing-invoices-none = No invoices.
billing-orders = Payment orders
billing-orders-approved =
    Approved invoices to export: { $count }. The export marks them as exported; after that, corrections can
    only be made with the next invoice.
billing-orders-xlsx = Export payment orders (XLSX)
billing-orders-1c = Export payment orders (file for 1C)
billing-orders-none = No approved invoices to export.
billing-exports = Earlier exports
billing-export-summary = { $when }: { $invoices } for { $total }
billing-export-invoices = { $n ->
    [one] { $n } invoice
   *[other] { $n } invoices
}
billing-1c-file = file for 1C
billing-done-run = The billing run is complete.
billing-done-run-month = Billing for { $month } is complete: contracts billed: { $contracts }, amount: { $total }; invoices issued: { $invoices }.
billing-done-running = Billing is in progress: refresh the page to see how many contracts have been processed. The invoices will appear when it finishes.
billing-choose-format = Choose a format: XLSX or a file for 1C

## Reports

reports-title = Reports
reports-intro =
    Reports are downloaded as XLSX ({ $scope }). A large report is built as it is read and sent as a file,
    without waiting for all of it in the server's memory.
reports-scope-region = the whole region
reports-scope-municipality = your municipality
reports-certificates = Register of certificates
reports-certificates-with-snils = number, child, SNILS, municipality, status, how and when issued, balance and reserve.
reports-certificates-without-snils = number, child, without SNILS, municipality, status, how and when issued, balance and reserve.
reports-programs = Register of certified programmes
reports-programs-columns = organisation, focus area, age, certification period, groups and places.
reports-enrollments = Enrolments by organisation
reports-enrollments-columns = attending, awaiting decision, on the waiting list, finished.
reports-money = Money by provider and month
reports-money-columns = contracts and the amount billed (excluding reversals).
reports-prepared = Prepared reports
reports-prepared-note = A large report is built on the server; the finished file can be downloaded once within an hour.
reports-prepared-item = { $title }, requested { $started }:
reports-download = Download
reports-state-building = being built: refresh the page in a minute
reports-state-ready = ready
reports-state-failed = could not be built: please try again
reports-forbidden = No access
reports-registry-busy = The register of certificates is already being built
reports-registry-building = The register of certificates is being built
reports-preparing-text = The report is large: it is being built on the server and will appear on the "Reports" page (/moc/reports) with a "Download" link. This usually takes a minute or two; the file waits there for an hour.
reports-gone = No such report
reports-gone-text = There is no such finished report: it has already been downloaded, could not be built, or an hour has passed. Request it again on the "Reports" page.

## Dashboard

dashboard-title = Dashboard: { $scope }
dashboard-as-of = Figures as of { $at } (Moscow time); the dashboard is recalculated every { $every }.
dashboard-every-minutes = { $n ->
    [one] minute
   *[other] { $n } minutes
}
dashboard-regional-note = The whole region; below, by municipality.
dashboard-tables-note = Under each chart is a table with the same figures and its XLSX download.
dashboard-available = Available on certificates
dashboard-reserved = Reserved for contracts
dashboard-sections = Dashboard sections
dashboard-table = Table
dashboard-table-caption = { $title }: table
dashboard-no-data = No data.
dashboard-download = Download the table "{ $title }" (XLSX)
dashboard-forbidden = No access
dashboard-not-ready = The dashboard is being prepared

dashboard-coverage = Certificates and enrolments by month
dashboard-money = Certificate money by month
dashboard-directions = Enrolments by focus area
dashboard-organizations = Enrolments by organisation
dashboard-seats = Places in groups: offered and taken
dashboard-waitlists = Programmes with the longest waiting lists
dashboard-municipalities = By municipality

dashboard-coverage-note =
    The share of children aged 5–17 living here who hold a valid certificate (issued and not closed by the end
    of the month) and who attended under a contract on at least one day of the month. The current month runs up to today.
dashboard-money-note =
    Movements on the certificates' accounts by month of posting (reversals deducted): nominal values credited,
    reserved for contracts, charged for lessons (a month's billing is posted after the month), expired at the end
    of the period. Amounts released from reserve and returned to the budget are in the table.
dashboard-directions-note-municipality = Contracts in force now, by focus area of the programmes of the municipality's organisations.
dashboard-directions-note-region = Contracts in force now, by focus area of the programmes of the region's organisations.
dashboard-organizations-note =
    Contracts in force now, by organisation. The chart and the table show the 15 organisations with the most;
    the full list is in the XLSX.
dashboard-seats-note =
    Places in the groups of certified programmes that are running or about to start: how many are offered and
    how many are taken (by applications awaiting a decision and by contracts).
dashboard-waitlists-note = The ten programmes whose groups have the most children waiting for a place.
dashboard-municipalities-note =
    Children, certificates and those attending: in the current month; money: over twelve months; places and
    waiting lists: now.

# Focus areas ("направленности") of programmes.
dashboard-direction-technical = Technical
dashboard-direction-natural-science = Natural sciences
dashboard-direction-physical-sport = Physical education and sport
dashboard-direction-artistic = Arts
dashboard-direction-tourism = Tourism and local history
dashboard-direction-social = Social sciences and humanities

# Table columns (the XLSX downloads always use the Russian ones).
dashboard-col-month = Month
dashboard-col-as-of = As of
dashboard-col-children = Children aged 5–17
dashboard-col-certified = With a certificate
dashboard-col-certified-share = Share with a certificate
dashboard-col-enrolled = Attending
dashboard-col-enrolled-share = Share attending
dashboard-col-nominal = Nominal values credited, ₽
dashboard-col-held = Reserved for contracts, ₽
dashboard-col-released = Released from reserve, ₽
dashboard-col-spent = Charged for lessons, ₽
dashboard-col-returned = Returned to the budget, ₽
dashboard-col-expired = Expired at the end of the period, ₽
dashboard-col-direction = Focus area
dashboard-col-share = Share
dashboard-col-organization = Organisation
dashboard-col-inn = INN (taxpayer number)
dashboard-col-municipality = Municipality
dashboard-col-groups = Groups
dashboard-col-seats = Places
dashboard-col-taken = Taken
dashboard-col-free = Free
dashboard-col-filled = Filled
dashboard-col-program = Programme
dashboard-col-waitlisted = On the waiting list
dashboard-col-nominal-12 = Nominal values credited over 12 months, ₽
dashboard-col-spent-12 = Charged over 12 months, ₽
dashboard-total = Total
dashboard-total-12-months = Total for 12 months
dashboard-whole-region = Whole region
dashboard-other-organizations = Other organisations ({ $count })

# Chart series (in the legend and the bars' tooltips).
dashboard-series-certified = With a certificate
dashboard-series-enrolled = Attending
dashboard-series-nominal = Nominal values credited
dashboard-series-held = Reserved
dashboard-series-spent = Charged for lessons
dashboard-series-expired = Expired
dashboard-series-seats = Places
dashboard-series-taken = Taken
dashboard-series-waitlisted = On the waiting list

# Chart descriptions for screen readers (also shown under each chart).
dashboard-share-of = { $share } ({ $part } of { $whole })
dashboard-coverage-description = Share of children aged 5–17 with a certificate and attending, over 12 months up to { $date }; on { $date }: with a certificate { $certified }, attending { $enrolled }.
dashboard-money-description = Certificate money movements by month over 12 months: nominal values credited { $nominal }, charged for lessons { $spent }.
dashboard-directions-description = Contracts in force across the six focus areas, { $total } in total.
dashboard-organizations-description = Contracts in force by organisation: the { $shown } with the most, out of { $all }.
dashboard-seats-description = Places in groups by focus area: { $seats } offered, { $taken } taken ({ $share }).
dashboard-waitlists-description = The longest waiting list is for { $program }: { $count }.
dashboard-waitlists-none = There are no waiting lists.
dashboard-municipalities-description = Share of children aged 5–17 with a certificate and attending in the current month, across { $n ->
    [one] { $n } municipality
   *[other] { $n } municipalities
}.

## Chart axis labels

charts-percent = { $n }%
charts-thousands = { $n }k
charts-millions = { $n }m
charts-billions = { $n }bn

## BillingError
refusal-billing-bad-month = Enter the month as 2026-11
# month: "December 2026".
refusal-billing-future-month = { $month } has not come yet: only the current month and past months can be billed
# month: "2026-11"; started: "24 November 2026, 14:05".
refusal-billing-busy = Billing for { $month } is in progress (started { $started }): please wait until it finishes
refusal-billing-forbidden = Only an operator of the municipal support centre can run billing and approve invoices
refusal-billing-not-found = Invoice not found
refusal-billing-stale = The invoice has already been changed: please refresh the page
refusal-billing-refused-no-bank-details = The organisation has no bank details: the invoice cannot be paid without them. Ask the organisation's administrator to fill them in on the profile page (/org/profile)
refusal-billing-refused-nothing-to-export = There are no approved invoices to export
refusal-billing-refused-reversal-reason = Write the reason for the reversal
refusal-billing-refused-not-a-charge = Only a monthly charge can be reversed
refusal-billing-refused-exported = The invoice has already been exported to payment orders: make the correction with the next invoice
refusal-billing-refused-already-reversed = This charge has already been reversed
refusal-billing-refused-short-of-money = The reversal is not possible: the organisation's account does not have enough money
refusal-billing-refused-lessons = The number of lessons in the month must be from 1 to 62
refusal-billing-refused-attended = Lessons attended must be from 0 to the number of lessons in the month
refusal-billing-refused-sheet-closed = This month has already been billed: the attendance sheet is closed
refusal-billing-refused-previous-period = Close the previous period first: its remaining balances have not been written off yet
refusal-billing-refused-period-running = The period has not ended yet
refusal-billing-refused-last-month-first = Bill the last month of the period first
