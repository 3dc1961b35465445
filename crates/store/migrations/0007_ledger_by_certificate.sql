-- A certificate's balance is read on every page that shows it, by the certificate: without this
-- index each read scanned all ledger accounts (measured by `dopcert bench claim`).
CREATE INDEX ledger_account_certificate ON ledger_account (certificate_id);
