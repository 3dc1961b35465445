# Page texts: help
# The help pages (/help and /help/…): the index, a page for each role, the contacts at the end.
# Keys ending in -html are shown as markup: a translation keeps the same tags and links.
# Names in “quotes” are the labels of buttons and sections as the pages show them.
# Terms: МОЦ = municipal support centre (MOC); РМЦ = regional model centre (RMC);
# сертификат финансирования = funding certificate; сертификат учёта = registration certificate;
# номинал = nominal value; ОВЗ = disabilities (OVZ); ПМПК = PMPK; Госуслуги = Gosuslugi.

## Shared by the help pages

help-title = Help
# The browser tab's title of a help page; topic is “For parents”, “For organisations”…
help-page-title = Help: { $topic }
help-toc = Contents
help-ask = Where can I ask a question?

## The index /help: which page is for whom and what it answers

help-index-lead = Answers to common questions about the supplementary education certificate: who can get one,
    how to enrol in a programme and how the certificate's money is spent. Choose who you are.
help-index-ask = The municipal support centre (MOC) of your municipality: it sets the certificate's nominal value, checks
    children's data and answers organisations' questions.

help-topic-parents = For parents
help-topic-parents-about = what the certificate is, who can get it and how, enrolling in programmes, the certificate's money
help-topic-pupils = For pupils aged 14–17
help-topic-pupils-about = how to get a certificate yourself and enrol in a programme
help-topic-organizations = For organisations
help-topic-organizations-about = logins for families, a certificate at enrolment, the register of providers, programmes, applications and invoices
help-topic-moc = For the municipal support centre (MOC)
help-topic-moc-about = periods and nominal values, certification of programmes, the register of providers, charges and invoices
help-topic-rmc = For the regional model centre (RMC)
help-topic-rmc-about = municipalities and MOC operators, the region's rules, reports for the region

## The contacts at the end of every help page

# region is the region's name; a link to the RMC's website and a full stop follow the text.
help-contacts-region = For more about the certificate and supplementary education in the region ({ $region }), see the regional
    model centre (RMC):
help-contacts-ask-school = Your school or kindergarten can tell you the phone number of your municipality's support centre.
# The caption of the table of support centres; n is the number of municipalities.
help-contacts-caption = Municipal support centres (MOC): { $n } { $n ->
        [one] municipality
       *[other] municipalities
    }
help-contacts-municipality = Municipality
help-contacts-centre = Support centre
help-contacts-phone = Phone

## /help/parents: for parents

help-parents-h1 = Help for parents
help-parents-lead = What the supplementary education certificate is, how to get it, how to enrol your child
    in a programme and how the certificate's money is spent.
help-parents-q-what = What is the certificate?
help-parents-q-who = Who can get a certificate?
help-parents-q-how = How do I get a certificate?
help-parents-q-nominal = What is the nominal value and how much money does the certificate give?
help-parents-q-find = How do I find a club or a class?
help-parents-q-apply = How do I enrol my child in a programme?
help-parents-q-waitlist = What happens if a group has no free places?
help-parents-q-balance = How do I find out how much money is left?
help-parents-q-payment = What is paid for, and when?
help-parents-q-withdraw = How do I withdraw an application or stop attending?
help-parents-q-eighteen = What happens when my child turns 18?
help-parents-q-move = What if we move house?

help-parents-what = The supplementary education certificate is an electronic record with a number, like a health insurance policy or SNILS.
    There is no paper form: the number is shown in your personal cabinet, under “Personal settings”.
help-parents-what-once = a certificate is issued once to every child aged 5 to 17 inclusive;
help-parents-what-only = it can only be used for children's supplementary education: clubs, sports classes, studios;
help-parents-what-nominal = it has a nominal value: money that can pay for programmes that have passed a quality check
    and have the status “certified”;
help-parents-what-no-cash = it cannot be cashed in or passed on to another child (like the Pushkin Card).

help-parents-who-age = Every child aged 5 to 17 inclusive: from their fifth birthday until the day before their eighteenth
    (Moscow time). A child born on 29 February becomes a year older on 1 March in a non-leap year.
help-parents-who-parent = A parent (legal guardian) gets the certificate, for each of their children. A child aged 14 to 17
    can also get the certificate themselves, from their own personal cabinet. Under 14, only a parent can.
help-parents-who-one = A child has one certificate until they turn 18. If you press “Get a certificate” again, or if both parents
    press it at the same time, no second certificate appears: you will see the same number.
help-parents-who-under-five = If your child is not yet five, “Personal settings” shows the day from which you can get the certificate.

help-parents-how-ways = There are four ways. Choose the one that suits you.
help-parents-way-1 = Way 1. In the parent's personal cabinet
help-parents-way-1-sign-in = Sign in to your personal cabinet with the login and password your school or kindergarten gave you, or with
    the “Sign in through Gosuslugi (the public services portal)” button on the sign-in page.
help-parents-way-1-name = Click your full name in the top right corner: “Personal settings” opens.
help-parents-way-1-claim = In the “Supplementary education certificate” section, press “Get a certificate” next to your child's name.
help-parents-way-1-consent = Read the consent to the processing of personal data, choose the municipality where your child lives
    (if the system asks), tick the consent and press “Get a certificate”. The number appears straight away.
help-parents-way-2 = Way 2. No login yet: at the school, at the kindergarten or through Gosuslugi
help-parents-way-2-text = Ask your school or kindergarten for a login and a one-time password: they will print a sheet for your family.
    When you first sign in, you choose your own password. You need not wait for a login: press “Sign in through Gosuslugi”,
    and your account will be found by SNILS or by full name and date of birth. Then carry on as in way 1.
help-parents-way-3 = Way 3. A child aged 14 or over, on their own
help-parents-way-3-text = A child who has turned 14 signs in to their own personal cabinet (with a login from school or through Gosuslugi)
    and gets the certificate in the same way: full name in the top right corner → “Personal settings” → “Supplementary
    education certificate” → “Get a certificate”.
help-parents-way-4 = Way 4. Without a personal cabinet, at the organisation when enrolling
help-parents-way-4-text = If neither the parent nor the child has an account, the educational organisation
    (a school, a kindergarten, the Palace of Children's and Youth Creativity) will issue the certificate when enrolling the child in a supplementary
    education programme. The parent signs a paper consent to the processing of personal data. When you later sign in
    to your personal cabinet, your child will be found in the register and you will see the certificate; no second one appears.

help-parents-nominal = The nominal value is the money the certificate receives for a period (a financial year).
    The municipality sets the size of the nominal value and the number of certificates with a nominal value for the period, separately for children aged 5–6, 7–13 and 14–17.
    A child's nominal value depends on their age on the day the certificate received it. For a child with
    disabilities (OVZ) the nominal value may be higher: the municipal support centre records this on the basis of the
    PMPK's conclusion (the psychological, medical and educational commission).
help-parents-nominal-queue = While certificates with a nominal value are still available for the period, a certificate becomes a funding certificate
    (with a nominal value) straight away. If they have run out, it will be a registration certificate: with it you can enrol in free
    (municipal) programmes. When a place with a nominal value becomes free, registration certificates receive a nominal value in turn,
    in the order in which they were issued. You will see this on the certificate's page.

help-parents-find-catalog-html = Open the <a href="/catalog">catalogue of programmes</a>: you can use it without signing in. Search by words, by field,
    by municipality, by your child's age, by days of the week and by price. If you are signed in, choose
    your child: the catalogue will show programmes for their age in the municipality where their certificate is valid.
help-parents-find-certified = The catalogue shows only certified programmes of organisations that are operating: only these can be paid for
    with the certificate. Each group shows its timetable, address and number of free places.

help-parents-apply-first-html = First get the certificate (see <a href="#how">“How do I get a certificate?”</a>): you do not need to enter
    its number when enrolling, it is already linked to your child.
help-parents-apply-enrol = On the programme's page, press “Enrol”, choose your child and the group and press “Show the contract's terms”.
help-parents-apply-check = Check the contract (public offer): its term, the monthly cost, how much the certificate pays and how much the family
    pays on top, the amounts by month.
help-parents-apply-submit = Tick “I have read the terms of the contract (public offer) and accept them” and press “Apply”.
help-parents-apply-seat-html = If the group has a free place, it is held for your child at once, and the certificate's share for the remaining months
    of the contract is reserved on the certificate. The organisation accepts the application (your child is enrolled) or declines it
    and gives a reason; the reserve then returns to the certificate at once. All your applications are under
    <a href="/applications">“My applications”</a>.
help-parents-apply-price = The certificate pays for a programme up to its standard cost. If the price is higher, the family pays the difference
    to the organisation under the contract; you see this in the terms before you apply.

help-parents-waitlist = The application goes on the waiting list. In the meantime, no money is reserved on the certificate.
# Without the time limit: when the region's setting could not be read.
help-parents-waitlist-offer = When a place in the group becomes free, it is offered to the first in the queue. “My applications” will show the status
    “place offered” and the deadline until which the place is held.
# n is how many hours an offered place is held (the region's setting).
help-parents-waitlist-offer-hours = When a place in the group becomes free, it is offered to the first in the queue. “My applications” will show the status
    “place offered” and the deadline until which the place is held
    (currently { $n } { $n ->
        [one] hour
       *[other] hours
    }).
help-parents-waitlist-confirm = Press “Confirm the place” (for a paid programme, after accepting the contract terms). If you miss the deadline, the place
    is offered to the next in the queue and the offer expires.
help-parents-waitlist-lottery = Some groups first collect applications until a set date, and the places are drawn the next day
    (a lottery). The order of the draw is published on the group's lottery page, and anyone can check it.

help-parents-balance = In “Personal settings”, click the certificate's number. Its page shows:
help-parents-balance-available-html = <strong>Available</strong>: the balance you can spend on a new enrolment;
help-parents-balance-reserved-html = <strong>Reserved</strong>: money set aside under contracts for the remaining months;
help-parents-balance-spent-html = <strong>Spent</strong>: what has already been paid to organisations.
help-parents-balance-history = Below are every movement of money with its date and the certificate's history. The “Extract from the register (PDF, in Russian)” button
    saves all of this to a file for printing. You cannot spend more than is available: the system will not accept such an application.

help-parents-payment-reserve = When you enrol, the certificate's share of the cost for all months of the contract is reserved on it.
help-parents-payment-monthly = Every month the organisation is paid from the reserve for the past month: for part of a month, by the day,
    or, if the organisation keeps an attendance register, by the classes attended.
help-parents-payment-extra = The family pays anything above what the certificate covers to the organisation under the contract, not through the certificate.
help-parents-payment-period = The nominal value is valid until the end of the period. Any unused balance is not carried over: it expires at the end
    of the period, and the certificate receives a new nominal value for the next period.

help-parents-withdraw-html = Everything is done under <a href="/applications">“My applications”</a>.
help-parents-withdraw-application = While the organisation has not yet accepted the application (it is under review, on the waiting list or you have been offered a place),
    press “Withdraw the application”. The place becomes free, and the reserve returns to the certificate at once.
help-parents-withdraw-studies = If your child is already enrolled, enter the last day of classes and press “End the studies”. Classes up to that day
    are paid as usual, and the reserve for the rest of the time returns to the certificate at once.

help-parents-eighteen = The certificate is valid until the day before the child's eighteenth birthday. On the birthday the system closes it itself
    with the reason “the child has turned 18”. A closed certificate cannot be used to enrol in a new programme.

help-parents-move = The certificate stays the same: its number and its money do not change. You can also enrol in a programme
    of an organisation in another municipality: choose it in the catalogue.
help-parents-move-nominal = The nominal value for each period is set by the municipality shown on the certificate's page. You cannot change it
    in your personal cabinet: if you have moved, call the municipal support centre of your new
    municipality.

help-parents-ask = For questions about the certificate, its nominal value and your child's data, contact the municipal support centre (MOC) of your
    municipality. For questions about classes, the timetable and extra payments, contact the organisation that runs the programme.
    You can download what the system holds about you and your children in “Personal settings”, section “My personal data”.

## /help/pupils: for pupils aged 14–17 (the Russian speaks to the pupil informally)

help-pupils-h1 = Help for pupils aged 14–17
help-pupils-lead = Are you 14 or older? You can get a supplementary education certificate yourself and
    enrol in a club, sports class or studio on your own.
help-pupils-q-what = What is the certificate?
help-pupils-q-self = Can I get a certificate myself?
help-pupils-q-how = How do I get a certificate?
help-pupils-q-apply = How do I enrol in a programme?
help-pupils-q-money = How much money is on the certificate, and who pays?
help-pupils-q-eighteen = What happens at 18?

help-pupils-what = It is an electronic record with a number, like a health insurance policy or SNILS. The certificate pays for supplementary
    education programmes that have passed a quality check (“certified” ones). It is issued once;
    it cannot be cashed in or passed on to anyone else.
help-pupils-self = Yes, from the age of 14, in your own personal cabinet. Under 14, a parent (legal guardian) gets the certificate.
    If a parent has already got a certificate for you, there will not be a second one: you will see the same number in “Personal settings”.
help-pupils-how-sign-in = Sign in to your personal cabinet with the login and password your school gave you, or with the
    “Sign in through Gosuslugi (the public services portal)” button. No login? Ask for one at school.
help-pupils-how-name = Click your full name in the top right corner: “Personal settings” opens.
help-pupils-how-claim = In the “Supplementary education certificate” section, press “Get a certificate”.
help-pupils-how-consent = Read the consent to the processing of personal data, tick it and press “Get a certificate”.
help-pupils-apply-html = Find a programme in the <a href="/catalog">catalogue</a>, press “Enrol”, choose a group and look at the contract
    terms: how much the certificate pays and how much needs to be paid on top. Accept the terms and submit the application.
    You can see what is happening with your application under <a href="/applications">“My applications”</a>: you can also withdraw it there
    or stop attending. If there are no free places, the application goes on the waiting list, and when a place becomes free, you
    will need to confirm it by the deadline shown. More on the page
    <a href="/help/parents#apply">for parents</a>.
help-pupils-money-html = The nominal value (the certificate's money for a period) is set by the municipality. How much is available, how much
    is reserved under contracts and how much has already been spent is shown on the certificate's page. The organisation is paid
    every month for the past month. Whatever is not spent by the end of the period is not carried over.
    More in <a href="/help/parents#payment">“What is paid for, and when?”</a>.
help-pupils-eighteen = The certificate is valid until the day before your eighteenth birthday. On your birthday the system closes it itself,
    and you can no longer use it to enrol in a new programme.
help-pupils-ask = About classes and the timetable: the organisation that runs the programme. About the certificate: the municipal support
    centre (MOC) of your municipality.

## /help/organizations: for organisations (names in quotes are the organisation's sections)

help-org-h1 = Help for organisations
help-org-lead = For schools, kindergartens, the Palace of Children's and Youth Creativity and private providers: how to help families
    get a certificate, how to manage programmes and applications and how to get paid.
help-org-q-logins = How do I issue logins to parents and pupils?
help-org-q-register = How do I issue a certificate to a child whose family has no personal cabinet?
help-org-q-check = How do I check a certificate?
help-org-q-registry = How do we get into the register of providers?
help-org-q-programs = How do I get a programme certified?
help-org-q-applications = How do I handle applications?
help-org-q-money = How does the organisation get paid?

help-org-logins-import = First upload the list of pupils and parents (“Upload pupils and parents”): an export from the school's system
    as XLSX or CSV, or one pupil at a time. The site first shows what the result will be and saves nothing until you
    confirm.
help-org-logins-sheets = Then, under “Issue logins to parents and pupils”, choose a class or a person: the site makes a PDF of sheets
    for printing, with a login and a one-time password for each person, one sheet per family. The one-time passwords exist only in this
    file; people choose their own passwords themselves. Pupils aged 14 and over need a login to get a certificate themselves.
help-org-register = When enrolling the child in a programme, open “Register a child and issue a certificate”. Fill in the details of the child
    and of the parent (legal guardian) and attach a scan of the consent to the processing of personal data signed by
    the parent. The certificate is issued at once. If the child is already in the register, you will see their certificate; there will
    not be a second one. If the register holds a similar child, the municipal support centre will check the data.
help-org-check = “Check a certificate” by its number: whether it is valid, whether it is a funding certificate or a registration certificate
    and how much is available on it.
help-org-registry-html = Submit an <a href="/providers/apply">application to the register of providers</a>. The municipal support centre will check
    the documents and include the organisation in the register; the head of the organisation will receive the organisation administrator's login
    and a one-time password. The administrator invites staff themselves, under “Staff”.
help-org-programs-draft = Under “The organisation's programmes”, create a draft: the description, the children's ages, modules with hours, price and standard
    cost, groups with their timetable, address and number of places. Then send the programme for certification.
    The municipal support centre (or the regional model centre, if the region has decided so) checks it against a list
    of requirements and either certifies it or returns it with reasons.
help-org-programs-changes = Only certified programmes can be paid for with the certificate. If you change the price, hours or ages
    of a certified programme, it goes back for certification and accepts no new enrolments until the decision;
    the description, photos and groups can be changed without that.
help-org-applications = Under “Applications for study”, accept an application or decline it, giving a reason (the family will see it). A refusal
    or a child leaving frees a place: it is offered at once to the first on the waiting list. There you can also
    end a child's studies and keep the attendance register.
help-org-money = Every month the municipal support centre (MOC) runs the charges for the past month: for each contract, for the days
    of the contract in that month or, if you keep an attendance register, by the classes attended. Each organisation receives an invoice
    (section “Invoices”: a PDF for printing and XLSX). The MOC approves the invoices and exports the payment orders.
    The organisation receives the family's extra payment above the certificate from the family under the contract.
help-org-ask = Ask a question under “Questions to the MOC” on the organisation's page: the municipal support centre
    of your municipality will see it, and the answer will arrive there too. Or call.

## /help/moc: for the municipal support centre (names in quotes are the MOC's sections)

help-moc-h1 = Help for the municipal support centre (MOC)
help-moc-lead = What the MOC's operators do in the system: periods and nominal values, checking programmes and organisations, children's data,
    charges and invoices. Everything starts from the “Municipal support centre (MOC)” page after signing in.
help-moc-q-periods = How do I set the nominal value and the number of certificates with a nominal value?
help-moc-q-review = How do I certify a programme?
help-moc-q-providers = How do I include an organisation in the register of providers?
help-moc-q-children = What do I do with possible duplicate children and with disabilities (OVZ)?
help-moc-q-certificates = How do I suspend or close a certificate?
help-moc-q-billing = How do I run the charges and pay the invoices?
help-moc-q-queues = Where can I see what is waiting for a decision?
help-moc-q-reports = Where are the reports, the dashboard and the audit log?
help-moc-q-ask = Where do organisations and families turn?

help-moc-periods = Under “Periods”, create a period (a financial year, no longer than a year, not overlapping the municipality's other periods).
    Nominal values are set for three age groups (5–6, 7–13 and 14–17); for each you can set a higher nominal value
    for children with disabilities (OVZ); nominal values can be changed until the period starts. The number of certificates with a nominal value can be changed later too:
    if you increase it, registration certificates receive a nominal value at once, in the order of the queue. If you decrease it, nothing already given
    is taken away. Every change stays in the period's history.
help-moc-review = “Programmes awaiting certification” is the queue of submitted programmes. Open a programme, answer each item of the list
    of requirements and either certify it until a date or return it to the organisation with reasons. If the region's programmes
    are certified by the regional model centre (RMC), you can only view them here.
help-moc-providers = “Register of providers” shows the organisations' applications. Check the documents and include the organisation: its head
    will receive the administrator's login and a one-time password. A provider's work can be suspended and resumed;
    while it is suspended, its programmes accept no enrolments.
help-moc-children-duplicates = If a new child looks like one already known (the same surname, first name and date of birth, but a different patronymic, SNILS or
    spelling, such as ё written as е), the system neither merges nor duplicates the child by itself, but puts them in the “Possible duplicate children” queue.
    Decide: it is the same child (the records will be merged) or different children.
help-moc-children-ovz = The MOC records a disability (OVZ), with its basis (the number and date of the PMPK's conclusion), on the certificate's page. If the period
    has a higher nominal value, a certificate with a nominal value receives the difference at once.
help-moc-certificates = Find the certificate by its number on the MOC page and choose an action: suspend, resume or close.
    Parents will see the reason. Closing cannot be undone. If nothing has yet been spent or
    reserved from the closed certificate, its nominal value passes to the first registration certificate in the queue. The system closes the certificates
    of children who have turned 18 itself.
help-moc-billing = Under “Charges and invoices”, run the charges for the past month: each contract is charged for its days in the month or
    by the attendance register, from the certificate's reserve. A charge run never debits twice, even if it is interrupted and started
    again. From its results, each organisation receives an invoice. Approve the invoices and export the payment orders
    (XLSX or a 1C “Client-Bank” file). A mistake is corrected by reversing the charge with a reason, not by editing it.
    At the end of the period, the unused balance of the nominal values expires.
help-moc-queues = “All queues on one page”: programmes awaiting certification, possible duplicate children, organisations' applications to the register,
    unapproved invoices and families' applications that organisations have left without a decision for too long.
help-moc-reports = “Reports”: registers of certificates, programmes and money for the municipality, in XLSX. “Dashboard”: children aged 5–17,
    certificates, enrolments and money by month over the year. “Audit log”: who changed what, and when.
help-moc-ask = Organisations ask questions under “Questions to the MOC”; they arrive in “Consultations”. Families call the support centre's
    phone number shown below and at the bottom of every page. The MOC's phone number and name are changed by the regional model centre (RMC).

## /help/rmc: for the regional model centre (names in quotes are the RMC's sections)

help-rmc-h1 = Help for the regional model centre (RMC)
help-rmc-lead = What an RMC administrator does in the system: municipalities and their support centres, the region's rules, reports
    and the dashboard for the whole region. Everything starts from the “Regional model centre (RMC)” page after signing in.
help-rmc-q-municipalities = How do I add a municipality and its support centre?
help-rmc-q-operators = How do I give and withdraw access for an operator of a municipal support centre (MOC)?
help-rmc-q-rules = Which rules does the region set?
help-rmc-q-reports = Where are the region's reports, dashboard and audit log?
help-rmc-q-ask = Where do municipalities, organisations and families turn?

help-rmc-municipalities = The “Municipalities” section shows all the region's municipalities with their support centres, phone numbers, operators,
    the number of children under 18 and of certificates. Add a municipality (its code and name must not repeat) or
    change the name and phone number of its support centre: families and organisations see them on the help pages.
help-rmc-operators = On the municipality's page, add an operator: full name and login (or a login made from the full name). The system
    shows the one-time password once: pass it on to the operator. A forgotten password can be issued again.
    If you withdraw the role, all the operator's sessions end at once.
help-rmc-rules = In “Regional rules”:
help-rmc-rules-reviewer = who certifies programmes: the municipal support centres or the regional model centre;
# Without the current value: when the setting could not be read.
help-rmc-rules-offer = how many hours a family has to confirm a place that has become free in a group (from 1 to 336);
# n is the setting's current value, in hours.
help-rmc-rules-offer-hours = how many hours a family has to confirm a place that has become free in a group (from 1 to 336),
    currently { $n } { $n ->
        [one] hour
       *[other] hours
    };
help-rmc-rules-overdue = after how many days an application without the organisation's decision joins the queue (from 1 to 60);
help-rmc-rules-lottery = how many days a new group collects applications by default before the lottery (from 0 to 60; 0 means first come, first served).
help-rmc-rules-audit = Every change is written to the audit log with the value before and after.
help-rmc-reports = “Regional reports”: the same registers as the MOC's, for the whole region and without SNILS. “Dashboard” shows the whole region
    and each municipality. “Audit log”: for the whole region. The nominal values and the number of certificates with a nominal value are set
    by the municipal support centre of each municipality.
help-rmc-ask = Families and organisations turn to the municipal support centre of their municipality; here is the list they see.
