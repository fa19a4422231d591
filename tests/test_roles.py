"""Who may see and do what: every role on every kind of page, draft previews included.

Roles: a reader (anonymous), Data entry, Editors, a superuser, and a staff account in neither
group (staff in name only: the admin lets it sign in, the newsroom's pages do not let it in).
"""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.roles import DATA_ENTRY, EDITORS
from tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "data_entry", "editor", "superuser", "staff_without_group"]
LOGIN = 302  # anonymous: sent to the sign-in page


@pytest.fixture
def world():
    published = f.ArticleFactory(slug="published-story")
    draft = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None, slug="draft-story")
    person = f.PersonFactory(slug="a-person")
    f.MentionFactory(article=published, person=person)
    return {"published": published, "draft": draft, "person": person}


def client_for(client, role):
    if role == "anonymous":
        return client
    if role == "superuser":
        user = User.objects.create_superuser("chief", "c@example.org", "pw")
    else:
        user = User.objects.create_user(role, password="pw", is_staff=True)
        if role in {"data_entry", "editor"}:
            user.groups.add(Group.objects.get(name=DATA_ENTRY if role == "data_entry" else EDITORS))
    client.force_login(user)
    return client


# page: (address, expected status for anonymous, data_entry, editor, superuser, staff_without_group)
PAGES = {
    "public story": (lambda w: w["published"].get_absolute_url(), 200, 200, 200, 200, 200),
    "public topic": (lambda w: "/people/a-person/", 200, 200, 200, 200, 200),
    "draft preview": (lambda w: w["draft"].get_absolute_url(), 404, 200, 200, 200, 404),
    "archive list": (lambda w: "/archive/", LOGIN, 200, 200, 200, 403),
    "archive export": (lambda w: "/archive/?format=csv", LOGIN, 200, 200, 200, 403),
    "archive dossier": (lambda w: "/archive/people/a-person/", LOGIN, 200, 200, 200, 403),
    "admin front page": (lambda w: "/admin/", LOGIN, 200, 200, 200, 200),
    "admin story list": (
        lambda w: reverse("admin:articles_article_changelist"), LOGIN, 200, 200, 200, 403,
    ),
    "admin add story": (lambda w: reverse("admin:articles_article_add"), LOGIN, 200, 200, 200, 403),
    "admin change story": (
        lambda w: reverse("admin:articles_article_change", args=[w["draft"].pk]),
        LOGIN, 200, 200, 200, 403,
    ),
    "admin story history": (
        lambda w: reverse("admin:articles_article_history", args=[w["draft"].pk]),
        LOGIN, 200, 200, 200, 403,
    ),
    "admin delete story": (
        lambda w: reverse("admin:articles_article_delete", args=[w["draft"].pk]),
        LOGIN, 403, 200, 200, 403,
    ),
    "admin people list": (
        lambda w: reverse("admin:people_person_changelist"), LOGIN, 200, 200, 200, 403,
    ),
    "admin accounts": (lambda w: reverse("admin:auth_user_changelist"), LOGIN, 403, 403, 200, 403),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_see_each_page(client, world, role, page):
    address, *expected = PAGES[page]
    client = client_for(client, role)
    response = client.get(address(world))
    want = expected[ROLES.index(role)]
    assert response.status_code == want, (page, role, response.status_code)
    if want == LOGIN:
        assert response["Location"].startswith("/admin/login/")
    if page == "draft preview" and want == 200:
        assert b"preview" in response.content.lower()  # marked as a preview, never cached
        assert "no-cache" in response.get("Cache-Control", "") or "private" in response.get(
            "Cache-Control", ""
        )


def publish(client, article):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk], "index": 0},
    )


@pytest.mark.parametrize(
    ("role", "publishes"),
    [("data_entry", False), ("editor", True), ("superuser", True), ("staff_without_group", False)],
)
def test_only_editors_publish(client, world, role, publishes):
    client = client_for(client, role)
    publish(client, world["draft"])
    world["draft"].refresh_from_db()
    assert (world["draft"].status == Article.Status.PUBLISHED) is publishes


@pytest.mark.parametrize(
    ("role", "deletes"),
    [("data_entry", False), ("editor", True), ("superuser", True), ("staff_without_group", False)],
)
def test_only_editors_delete(client, world, role, deletes):
    client = client_for(client, role)
    draft = world["draft"]
    client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert Article.objects.filter(pk=draft.pk).exists() is not deletes


@pytest.mark.parametrize("role", ["anonymous", "staff_without_group"])
def test_outsiders_never_see_a_draft_anywhere_public(client, world, role):
    client = client_for(client, role)
    this_month = f"/sitemap-stories-{timezone.localdate():%Y-%m}.xml"
    for address in ["/", "/search/?q=County", "/feeds/latest/rss/", "/sitemap.xml", this_month]:
        body = client.get(address).content.decode()
        assert "draft-story" not in body, address
