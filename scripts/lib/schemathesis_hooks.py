"""scripts/api-check's own check, beside schemathesis's: loaded through the `hooks` setting."""

import sys

import schemathesis

# CPython 3.11 (the machine's Python) can leave the AST constructor's depth counter wrong after
# a RecursionError (python/cpython#106905); Hypothesis then fails now and then describing a
# lambda in schemathesis's largest module ("AST constructor recursion depth mismatch"). A deeper
# limit keeps that first RecursionError from happening.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))

# The codes of a request the server could not read (ApiJson, ApiPath, the Idempotency-Key
# header): never the answer to a request that fits the document.
UNREAD = {"malformed_json", "unsupported_media_type", "invalid_request", "invalid_path", "invalid_idempotency_key"}


@schemathesis.check
def requests_that_fit_the_document_are_read(ctx, response, case):
    """Schemathesis's positive_data_acceptance is told that 422 may answer a request that fits
    the document (a rule of the domain turned it down: check digits, consent, age, balance);
    this check keeps it honest: such a 422, or any 400 or 415, must not be a refusal to read."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code not in (400, 415, 422):
        return None
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None  # not the error body: response_schema_conformance reports it
    if code in UNREAD:
        raise AssertionError(f"A request that fits the document was refused as `{code}`")
    return None
