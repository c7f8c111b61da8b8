"""Checks of the schemathesis lane beyond schemathesis's own (loaded with
SCHEMATHESIS_HOOKS by tests/lanes/70-schemathesis.sh)."""

import schemathesis


@schemathesis.check
def invalid_request_only_for_cross_field_rules(ctx, response, case):
    """A request the document allows is never refused as malformed.

    For data generated to fit the document (positive mode), a 400 `InvalidRequest` may
    only name issues that the operation lists in `x-cross-field-rules` (the rules
    between members, which a generator may not honour). Other 400 codes are rules the
    schema cannot express (a receipt's content, a redirect target outside
    ALLOWED_REDIRECT_URLS, an exchange href on another host) and are allowed.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code != 400:
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return None
    if error.get("code") != "InvalidRequest":
        return None
    rules = case.operation.definition.raw.get("x-cross-field-rules", [])
    documented = {(rule["path"], rule["code"]) for rule in rules}
    issues = error.get("issues") or []
    undocumented = [i for i in issues if (i.get("path"), i.get("code")) not in documented]
    if undocumented or not issues:
        raise AssertionError(
            "a request the document allows was refused as InvalidRequest: "
            + "; ".join(f"{i.get('code')} at {i.get('path')!r}: {i.get('message')}" for i in undocumented)
            + ("" if issues else error.get("message", ""))
        )
    return None
