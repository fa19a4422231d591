"""Signing in: Argon2 hashes, throttled guessing, idle sessions, safe redirects and headers."""

import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse

from core.accounts import TOUCH_EVERY
from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def sign_in(client, username, password, address="127.0.0.1", next_page="/admin/"):
    return client.post(
        f"{LOGIN}?next={next_page}",
        {"username": username, "password": password, "next": next_page},
        REMOTE_ADDR=address,
    )


def test_production_stores_argon2():
    from newsroom.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_an_older_hash_becomes_argon2_on_sign_in(client):
    user = User.objects.create(username="chief", is_staff=True, is_superuser=True)
    user.password = make_password("old-but-good", hasher="pbkdf2_sha256")
    user.save()
    assert user.password.startswith("pbkdf2_sha256$")
    assert sign_in(client, "chief", "old-but-good").status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password("old-but-good")


def test_guessing_one_account_locks_it_from_every_address(client):
    User.objects.create_superuser("chief", "c@example.org", "right-password")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        guess = sign_in(client, "chief", f"guess-{attempt}", f"127.0.0.{attempt + 2}")
        assert guess.status_code == 200  # the form again, with its error
    # The last allowed failure locks the account: that answer is already the pause.
    assert sign_in(client, "chief", "guess", "127.0.0.50").status_code == 429
    refused = sign_in(client, "chief", "right-password", "127.0.0.99")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Signing in is paused" in text and "“chief”" in text
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in text
    assert "_auth_user_id" not in client.session


def test_guessing_from_one_address_locks_that_address_only(client):
    User.objects.create_user("reporter", password="right-password", is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone-{attempt}", "guess", "127.0.0.7")
    assert sign_in(client, "reporter", "right-password", "127.0.0.7").status_code == 429
    assert sign_in(client, "reporter", "right-password", "127.0.0.8").status_code == 302


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_locked_out_guess_costs_no_password_hash(client):
    User.objects.create_superuser("chief", "c@example.org", "right-password")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "chief", f"guess-{attempt}")
    with (
        mock.patch.object(
            Argon2PasswordHasher, "verify", autospec=True, side_effect=Argon2PasswordHasher.verify
        ) as verify,
        mock.patch.object(
            Argon2PasswordHasher, "encode", autospec=True, side_effect=Argon2PasswordHasher.encode
        ) as encode,
    ):
        for attempt in range(10):
            assert sign_in(client, "chief", f"more-{attempt}").status_code == 429
    assert verify.call_count == 0 and encode.call_count == 0


def test_a_refused_next_lands_on_the_admin_front_page(client):
    User.objects.create_superuser("chief", "c@example.org", "right-password")
    response = sign_in(client, "chief", "right-password", next_page="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert "/accounts/profile/" not in response["Location"]


def test_staff_sessions_end_after_a_working_day_idle(client):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    User.objects.create_superuser("chief", "c@example.org", "right-password")
    sign_in(client, "chief", "right-password")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    # Activity a while later moves the end of the session on...
    session = client.session
    session["seen"] = int(time.time()) - TOUCH_EVERY - 1
    session.save()
    before = Session.objects.get(session_key=key).expire_date
    assert client.get("/admin/").status_code == 200
    after = Session.objects.get(session_key=key).expire_date
    assert after >= before >= first
    assert client.session["seen"] > int(time.time()) - 60
    # ...and a session idle past its age is gone: the next page asks to sign in again.
    Session.objects.filter(session_key=key).update(expire_date=first.replace(year=2000))
    assert client.get("/admin/").status_code == 302


def test_readers_get_no_session(client):
    f.ArticleFactory()
    response = client.get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_every_response_sends_a_permissions_policy(client, admin_client):
    f.ArticleFactory()
    for response in (client.get("/"), client.get("/healthz"), admin_client.get("/admin/")):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_history_page_has_no_inline_style(admin_client):
    person = f.PersonFactory()
    html = admin_client.get(reverse("admin:people_person_history", args=[person.pk])).content
    assert b"change-history" in html
    assert b"style=" not in html
