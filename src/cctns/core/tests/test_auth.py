"""Sign-in: login/logout, wrong-password errors, lockout after repeated failures (django-axes)
on the login page, the admin login and the API token endpoint, and the password hasher
(DESIGN.md §6)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/login/"
TOKEN = "/api/v1/auth/token/"


def fail_login(client, username, times, path=LOGIN, **extra):
    """Post ``times`` wrong passwords. The attempt that reaches the limit is already answered
    with the lockout (429); every earlier one with the ordinary error."""
    limit = settings.AXES_FAILURE_LIMIT
    previous = AccessAttempt.objects.filter(username=username).values_list("failures_since_start", flat=True)
    done = max(previous, default=0)
    for _ in range(times):
        resp = client.post(path, {"username": username, "password": "not-the-password"}, **extra)
        done += 1
        assert resp.status_code == (429 if done >= limit else (400 if path == TOKEN else 200)), resp.status_code
    return resp


def test_login_page_ties_labels_to_inputs(client):
    resp = client.get(LOGIN)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert '<label for="id_username">' in html and 'id="id_username"' in html
    assert '<label for="id_password">' in html and 'id="id_password"' in html
    assert 'autocomplete="current-password"' in html


def test_right_password_signs_in_and_lands_on_home(client, org, password):
    resp = client.post(LOGIN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 302 and resp["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["user"].username == "writer_a1"


def test_wrong_password_shows_a_clear_error_not_a_500(client, org):
    resp = client.post(LOGIN, {"username": "writer_a1", "password": "wrong"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'role="alert"' in html
    assert "Please enter a correct username and password" in html
    assert "_auth_user_id" not in client.session


def test_wrong_password_error_in_hindi(client, org):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    resp = client.post(LOGIN, {"username": "writer_a1", "password": "wrong"})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'lang="hi"' in html
    assert "कृपया सही" in html  # "Please enter a correct ..."
    assert "Please enter a correct" not in html


def test_blank_fields_get_per_field_errors(client, org):
    resp = client.post(LOGIN, {"username": "", "password": ""})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="username-errors"' in html and 'id="password-errors"' in html
    assert 'aria-invalid="true"' in html


def test_unknown_username_gets_the_same_error_as_a_wrong_password(client, org):
    unknown = client.post(LOGIN, {"username": "nobody-here", "password": "wrong"}).content.decode()
    assert "Please enter a correct username and password" in unknown


def test_logout_is_a_post_and_returns_to_login(client, org):
    client.force_login(org.writer_a1)
    assert client.get("/logout/").status_code == 405
    resp = client.post("/logout/")
    assert resp.status_code == 302 and resp["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_lockout_after_five_failures_refuses_even_the_right_password(client, org, password):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_login(client, "writer_a1", 5)
    resp = client.post(LOGIN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 429
    assert resp["Retry-After"] == "1800"
    assert "Account locked" in resp.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="writer_a1").exists()


def test_four_failures_do_not_lock(client, org, password):
    fail_login(client, "writer_a1", 4)
    resp = client.post(LOGIN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 302
    # success resets the counter (AXES_RESET_ON_SUCCESS)
    assert not AccessAttempt.objects.filter(username="writer_a1", failures_since_start__gt=0).exists()


def test_lockout_page_in_hindi(client, org, password):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    fail_login(client, "writer_a1", 5)
    resp = client.post(LOGIN, {"username": "writer_a1", "password": password})
    html = resp.content.decode()
    assert resp.status_code == 429
    assert 'lang="hi"' in html
    assert "खाता" in html  # "account"
    assert "Account locked" not in html


def test_lockout_is_keyed_on_username_and_address(client, org, password):
    fail_login(client, "writer_a1", 5, REMOTE_ADDR="10.1.1.1")
    # same username from another address: allowed
    other_ip = client.post(LOGIN, {"username": "writer_a1", "password": password}, REMOTE_ADDR="10.2.2.2")
    assert other_ip.status_code == 302
    client.logout()
    # another username from the locked address: allowed
    other_user = client.post(LOGIN, {"username": "io_a1", "password": password}, REMOTE_ADDR="10.1.1.1")
    assert other_user.status_code == 302
    client.logout()
    # the locked pair stays locked
    locked = client.post(LOGIN, {"username": "writer_a1", "password": password}, REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == 429


def test_api_token_endpoint_is_covered_by_lockout(client, org, password):
    for _ in range(4):
        resp = client.post(TOKEN, {"username": "writer_a1", "password": "wrong"})
        assert resp.status_code == 400
        assert resp.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert client.post(TOKEN, {"username": "writer_a1", "password": "wrong"}).status_code == 429
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 429
    assert resp["Content-Type"].startswith("application/json")
    body = resp.json()
    assert body["code"] == "locked_out" and "locked" in body["detail"]
    assert "token" not in body


def test_api_lockout_message_in_hindi(client, org, password):
    fail_login(client, "writer_a1", 5, path=TOKEN)
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password}, HTTP_ACCEPT_LANGUAGE="hi")
    assert resp.status_code == 429
    assert "लॉक" in resp.json()["detail"]


def test_api_and_page_failures_share_one_counter(client, org, password):
    fail_login(client, "writer_a1", 3, path=TOKEN)
    fail_login(client, "writer_a1", 2, path=LOGIN)
    assert client.post(LOGIN, {"username": "writer_a1", "password": password}).status_code == 429


def test_admin_login_is_covered_by_lockout(client, org, password):
    fail_login(client, "admin", 5, path="/admin/login/")
    resp = client.post("/admin/login/", {"username": "admin", "password": password})
    assert resp.status_code == 429


def test_api_token_right_password_gives_a_token(client, org, password):
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 200
    token = resp.json()["token"]
    assert token.startswith("cctns_") and len(token) == 46  # 240 random bits (cctns.accounts.tokens)
    assert resp.json()["scopes"] == ["*:read"]
    # each request issues a new token (only its hash is stored, so it cannot be shown again)
    again = client.post(TOKEN, {"username": "writer_a1", "password": password}, content_type="application/json")
    assert again.status_code == 200 and again.json()["token"] != token


def test_inactive_user_cannot_sign_in(client, org, password):
    org.writer_a1.is_active = False
    org.writer_a1.save()
    resp = client.post(LOGIN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 200 and "_auth_user_id" not in client.session
    assert client.post(TOKEN, {"username": "writer_a1", "password": password}).status_code == 400


def test_argon2_is_the_production_hasher():
    import cctns.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_passwords_are_stored_as_argon2(org):
    assert org.writer_a1.password.startswith("argon2$argon2id$")
