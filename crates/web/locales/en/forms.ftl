## Form fields: what is wrong with a value, shown beside its field.

# The domain's checks (crates/web/src/refusal/common.rs): the domain errors' texts, translated.

## ContactError
refusal-contact-phone = A phone number is 10 digits after +7 or 8, for example +7 912 345-67-89
refusal-contact-email = An email address is written as name@example.ru

## CertificateNumberError
refusal-certificate-number-length = A certificate number has 12 digits: check the certificate number
refusal-certificate-number-not-digits = A certificate number holds only digits, spaces and hyphens: check the certificate number
refusal-certificate-number-checksum = The check digits do not match: check the certificate number

## NominalError
refusal-nominal-out-of-range = The nominal for children { $group } must be from { $min } to { $max }
refusal-nominal-disability-below = The nominal for children with disabilities ({ $group }) cannot be lower than the usual one
refusal-nominal-groups = Nominals must be set for every age from 5 to 17
# A nominal's age group: "aged 7–13 years"; the word "years" comes from
# refusal-nominal-age-group-years, by the second number.
refusal-nominal-age-group = aged { $from }–{ $to } { $years }
refusal-nominal-age-group-years = { $n ->
    [one] year
   *[other] years
}

## NameError
refusal-name-missing = Enter the surname and first name
refusal-name-letters = A name may hold only Russian (Cyrillic) letters, hyphens, apostrophes and spaces
refusal-name-too-long = The name is too long

## BirthDateError
refusal-birth-date-format = A date of birth is written as DD.MM.YYYY
refusal-birth-date-no-such-date = There is no such date in the calendar: check the day and the month
refusal-birth-date-future = A date of birth cannot be in the future
refusal-birth-date-too-old = The date of birth is before 1900: check the year

## SnilsError
refusal-snils-length = A SNILS has 11 digits
refusal-snils-not-digits = A SNILS may hold only digits, a space and a hyphen
refusal-snils-checksum = The SNILS check number does not match: check the number

## BankError
refusal-bank-bik-length = A BIC (bank identification code) has 9 digits
refusal-bank-account-length = A settlement account number has 20 digits
refusal-bank-not-digits = Bank details may hold only digits, spaces and hyphens
refusal-bank-checksum = The account's check key does not match the BIC: check the account and the BIC

## InnError
refusal-inn-length = An INN (taxpayer number) has 10 digits (an organisation) or 12 digits (a sole trader)
refusal-inn-not-digits = An INN must consist of digits only
refusal-inn-checksum = The INN's check digit does not match: check the number

## OgrnError
refusal-ogrn-length = An OGRN (state registration number) has 13 digits, an OGRNIP 15 digits
refusal-ogrn-not-digits = An OGRN must consist of digits only
refusal-ogrn-checksum = The OGRN's check digit does not match: check the number

## LoginError
refusal-login-rule = A login is Latin letters, digits, dots and hyphens; 3 to 40 characters, starting with a letter, for example moc.rzhev

## MunicipalityCodeError
refusal-municipality-code-rule = A code is lower-case Latin letters and digits, words joined by hyphens, 2 to 40 characters, for example vyshny-volochek

## ProgramError (the domain: the rules of a programme, a module and a group)
refusal-program-rule-title = A programme's title must be from 3 to 200 characters
refusal-program-rule-description-too-long = The description must be no longer than 5000 characters
refusal-program-rule-age-out-of-range = Children's ages must be from { $min } to { $max }
refusal-program-rule-age-reversed = The age "from" cannot be greater than the age "to"
refusal-program-rule-hours = A module has from 1 to { $max } hours
refusal-program-rule-negative-price = The price cannot be negative
refusal-program-rule-price-too-high = The monthly price must be no more than 100 000 ₽
refusal-program-rule-seats = A group has from 1 to { $max } places
refusal-program-rule-group-dates = A group cannot end before it starts
refusal-program-rule-enrollment-dates = Applications must open before they close, and close before the classes end
refusal-program-rule-module-title = A module's title must be from 1 to 200 characters
refusal-program-rule-missing-group-title = Please fill in: the group's name
refusal-program-rule-missing-teacher = Please fill in: the teacher
refusal-program-rule-missing-schedule = Please fill in: the schedule
refusal-program-rule-missing-address = Please fill in: the address of the classes
refusal-program-rule-coordinates = Coordinates are two numbers separated by a comma: first the latitude (from 41 to 82), then the longitude (from 19 to 180), for example 56.8587, 35.9176

## ReviewError
refusal-review-unanswered = Mark every item of the review: "{ $item }"
refusal-review-reason-missing = Write what needs fixing in the item "{ $item }"
refusal-review-not-all-passed = A programme can be certified only if every item is met
refusal-review-nothing-failed = To return the programme, mark the item that is not met and give the reason
refusal-review-valid-until = The certification's end date must be in the future, no more than 5 years ahead

## Problem (app::form: what is wrong with a form's field)
refusal-problem-parent-contact-missing = Enter the parent's phone number or email address
refusal-problem-scan-too-large = The consent scan is larger than 5 MB: save it at a smaller size
refusal-problem-scan-type = The consent scan is accepted as PDF, JPEG or PNG
refusal-problem-consent-missing = The parent's consent is needed: attach a scan or tick that the signed consent is kept at the organisation
refusal-problem-municipality-name = The name must be from 3 to 200 characters, for example "Bezhetsk Municipal District"
refusal-problem-municipality-kind = Choose the kind of municipality
refusal-problem-support-centre-name = The support centre's name must be from 3 to 300 characters
refusal-problem-code-taken = The code { $code } already belongs to the municipality "{ $municipality }"
refusal-problem-name-taken = The municipality "{ $municipality }" already exists (code { $code })
refusal-problem-code-just-taken = This code has just been taken by another municipality
refusal-problem-name-just-taken = This name has just been taken by another municipality
refusal-problem-login-taken = The login { $login } is already taken: choose another
refusal-problem-organization-kind = Choose the type of organisation
refusal-problem-full-name-missing = Enter the full name
refusal-problem-short-name-missing = Enter the short name
refusal-problem-address-missing = Enter the address
refusal-problem-inn-ogrn-kind = A sole trader has a 12-digit INN and a 15-digit OGRNIP; an organisation has 10 and 13 digits
refusal-problem-licence-missing = Enter the number of the education licence
refusal-problem-contact-missing = A phone number or an email address is needed
refusal-problem-bank-name = Enter the bank as in the bank details
refusal-problem-municipality-missing = Choose the municipality
refusal-problem-invitee-name = Write whom you are inviting (full name)
refusal-problem-topic = The topic must be from 3 to 200 characters
refusal-problem-question-missing = Write your question
refusal-problem-text-too-long = The text must be no longer than 10 000 characters
refusal-problem-too-many-files = No more than 3 files
refusal-problem-file-too-large = "{ $name }": a file must be no larger than 5 MB
refusal-problem-file-type = "{ $name }": PDF, JPEG, PNG, DOCX and XLSX are accepted
refusal-problem-certifier = Choose who certifies programmes
refusal-problem-whole-hours = A whole number of hours from { $min } to { $max }
refusal-problem-whole-days = A whole number of days from { $min } to { $max }
refusal-problem-direction = Choose the programme area
refusal-problem-funding = Choose whether the programme is free or paid for by the certificate
refusal-problem-rubles = An amount in roubles, for example 1500 or 1500,50
refusal-problem-days = Tick the days of the classes
refusal-problem-date-format = A date as 01.09.2026
refusal-problem-date-window = The date must be no earlier than a year ago and no later than three years ahead: check the year
refusal-problem-lottery-window = The lottery must be within the application period
refusal-problem-photo-too-large = A photo must be no larger than 2 MB
refusal-problem-photo-type = A photo is accepted as JPEG, PNG or WebP
refusal-problem-too-many-photos = A programme has no more than 6 photos
refusal-problem-reason-too-long = The reason must be no longer than 1000 characters
