"""No protected identity leaks to a user who may not see it (issue 4 §3; BNS s.72, POCSO s.23,
JJ Act s.74), on any page, list, search, API response, export or PDF.

For every registered protection policy (:func:`cctns.core.protection.policies`) the policy's
``sample`` makes a protected record holding a distinctive word; then every URL of the site
(:mod:`.site_walk`: the resolver and the API router, parameters filled with every id, global
id, code and model label in the database) is fetched — plain, and with the word as a search or
filter parameter — by users inside the jurisdiction who are not the case's officers (SCRB and
NCRB analysts, the administrator), by officers of another station and another district, and
anonymously. The word must appear in none of the responses. A case officer (the SHO) must see
it on the FIR's page, so the walk is known to reach the record.
"""

import re

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from cctns.core import protection

from .site_walk import body_text, candidates_from_db, concrete_urls, routes

pytestmark = pytest.mark.django_db(transaction=False)

SEARCH_PARAMS = ["q", "name", "search", "text"]


def _tokens(n: int) -> list[str]:
    return [f"Qzvleak{chr(ord('a') + i)}" for i in range(n)]


def _get(client, url):
    try:
        return client.get(url, HTTP_ACCEPT="text/html,application/json")
    except Exception as exc:  # noqa: BLE001 - a view error is not a leak; the access tests catch 5xx
        return exc


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False, RATELIMIT_ENABLE=False)
def test_no_protected_value_reaches_an_unauthorised_user(org, law, officers, django_capture_on_commit_callbacks):
    policies = protection.policies()
    assert policies, "no protection policy registered"
    tokens = _tokens(len(policies))
    records = []
    with django_capture_on_commit_callbacks(execute=True):  # the person index is fed after commit
        for policy, token in zip(policies, tokens, strict=True):
            obj = policy.sample(token, org.sho_a1)
            assert isinstance(obj, policy.model), policy.label
            assert protection.protected_fields(obj), f"{policy.label}: the sample is not protected"
            assert any(token in str(getattr(obj, f, "") or "") for f in policy.fields), policy.label
            records.append(obj)

    outsiders = [org.scrb, org.admin, org.writer_b1, org.sp_b, None]
    for user in outsiders:
        if user is not None:
            for obj in records:
                assert not protection.can_see(user, obj), (user, obj)

    candidates = candidates_from_db(top=8)
    urls = []
    for route in routes():
        for url in concrete_urls(route, candidates):
            urls.append(url)
            if not route.params:
                # searched in lower case: an echo of the search box is not a leak, a result is
                urls += [f"{url}?{p}={tokens[0].lower()}" for p in SEARCH_PARAMS[:2]]
    pattern = re.compile("|".join(tokens))
    leaks, fetched = [], 0
    for user in outsiders:
        for client in _clients(user):
            for url in urls:
                response = _get(client, url)
                if isinstance(response, Exception) or response.status_code >= 300:
                    continue
                fetched += 1
                found = pattern.search(body_text(response))
                if found:
                    leaks.append((getattr(user, "username", "anonymous"), url, found.group(0)))
    assert not leaks, f"protected values leaked: {leaks[:20]}"
    assert fetched > 100, fetched  # the walk reached the site

    # control: the case's own officer is shown the values
    client = APIClient()
    client.force_login(org.sho_a1)
    fir = getattr(records[0], "fir", records[0])
    assert tokens[0] in body_text(client.get(f"/registration/firs/{fir.pk}/"))


def _clients(user):
    """A page client (session) and an API client for ``user``; one client for anonymous."""
    web = APIClient(enforce_csrf_checks=True)
    if user is None:
        return [web]
    web.force_login(user)
    return [web]
