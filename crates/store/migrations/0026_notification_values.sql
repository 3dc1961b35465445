-- The values a notification's text was written from (issue 9, the pages in English): JSON of
-- `domain::notification::Values` — the child's name, the programme's title, the certificate's
-- number, the nominal in kopecks, dates and instants in ISO, the reason, the login. The
-- cabinet writes the subject and body from them in the page's language; `subject` and `body`
-- stay the Russian text (the e-mail's and the API's). NULL for notifications written before:
-- the cabinet shows their stored text.
ALTER TABLE notification ADD COLUMN text_values TEXT;
