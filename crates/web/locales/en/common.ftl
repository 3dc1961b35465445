# Shared by every page: the header, the footer, the version for the visually impaired, error pages.

service-name = Supplementary education certificate
skip-to-content = Skip to content
header-cabinet = Personal cabinet
header-notifications = Notifications
header-unread = unread
header-settings = Personal settings
header-logout = Sign out
header-login = Sign in

vision-on = Version for the visually impaired
vision-off = Standard version
vision-panel = Settings of the version for the visually impaired
vision-size = Font size
vision-size-1 = large
vision-size-2 = very large
vision-size-3 = huge
vision-colors = Colours
vision-black-on-white = black on white
vision-white-on-black = white on black
vision-blue-on-light-blue = blue on light blue
vision-images = Images
vision-images-on = show
vision-images-off = hide
vision-spacing = Spacing
vision-spacing-1 = normal
vision-spacing-2 = wider
vision-spacing-3 = widest

footer-help-link = Help
footer-help = : how to get a certificate, enrol in a programme, where to ask.
footer-consultation = Advice on the certificate: { $center },
footer-phone = phone { $phone }
footer-language = Language of the pages

page-not-found = Page not found
page-not-found-text = There is no such page. Check the address or go back to the home page.
too-many-requests = Too many requests
too-many-requests-text = { $what }. Wait { $wait } and try again.
wait-seconds = { $n } s
wait-minutes = { $n } min
error-title = Error
error-heading = Something went wrong
error-text = We already know about the error. Try again in a minute.
form-stale = The form is out of date
form-stale-text = The form is out of date or was sent from another site. Go back, reload the page and send it again.
form-too-long = Too much text
form-too-long-text = The form holds too much text: a programme's description may be up to 5000 characters, other fields less. Go back: what you typed is still on the page; shorten it and send it again.

unavailable = The service is briefly unavailable
unavailable-text = The database server is restarting or switching to its standby. Nothing was saved. Try again in a minute.

service-name-short = Certificate
vision-on-short = Visually impaired

## Refusals every area shares (crates/web/src/refusal)
refusal-store = The action could not be done: please try again
refusal-check-fields = Please check the form's fields
