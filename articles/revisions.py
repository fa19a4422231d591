"""Review of published copy: who must have a change reviewed, keeping it, and deciding it.

A public story (published or scheduled) is changed live only by someone who may publish.
Anyone else's change to the fields readers see (``REVIEWED_FIELDS``) becomes a pending
``ArticleRevision`` — one per person and story, replaced by their next edit — and the story
stays as it was. An editor compares it with the live text and publishes it (applied through
the story's normal save: history, search, page cache and locking all run) or rejects it.
"""

from django.db import transaction
from django.utils import timezone

from core.diffs import word_diff
from core.publishing import PUBLIC_STATUSES

from .ingest.edits import relink
from .models import REVIEWED_FIELDS, Article, ArticleRevision

PUBLISH_PERMISSION = "articles.publish_article"
TEXT_FIELDS = ("headline", "slug", "dek", "body")


class RevisionError(Exception):
    """A decision that cannot be made as asked; the message is for the editor."""


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def needs_review(user, article):
    """Whether ``user``'s change to ``article``'s public fields must wait for an editor."""
    return article.pk is not None and article.status in PUBLIC_STATUSES and not may_publish(user)


def value(obj, field):
    """A reviewed field's value as stored (the id for a foreign key)."""
    return getattr(obj, Article._meta.get_field(field).attname)


def same_text(a, b):
    """Browsers send line breaks as CRLF; a text differing only in those is unchanged."""
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
    return a == b


def differing(article, values):
    return [f for f in REVIEWED_FIELDS if not same_text(values[f], value(article, f))]


def pending_token(article, author):
    """The state of ``author``'s pending revision of ``article``: "" when there is none."""
    own = article.revisions.pending().filter(author=author).values_list("pk", "updated").first()
    return f"{own[0]}@{own[1].isoformat()}" if own else ""


def propose(article, values, author):
    """Keep ``values`` (reviewed field -> value as stored) as ``author``'s pending revision.

    Replaces their earlier pending revision of the story; values equal to the live story
    withdraw it instead. Returns the revision, or None when nothing differs.
    """
    changed = differing(article, values)
    pending = article.revisions.pending().filter(author=author).first()
    if not changed:
        if pending is not None:
            pending.status = ArticleRevision.Status.WITHDRAWN
            pending.decided_by, pending.decided_at = author, timezone.now()
            pending._history_user = author
            pending._change_reason = "Withdrawn: the text is back to the live story"
            pending.save()
        return None
    revision = pending or ArticleRevision(article=article, author=author)
    for field in REVIEWED_FIELDS:
        proposed = values[field]
        if isinstance(proposed, str):
            proposed = proposed.replace("\r\n", "\n")
        setattr(revision, Article._meta.get_field(field).attname, proposed)
    revision.changed_fields = changed
    revision.base_version = article.version
    revision._history_user = author
    revision._change_reason = "Replaced by a newer edit" if pending else "Proposed"
    revision.save()
    return revision


def decidable(revision, user):
    if not may_publish(user):
        raise RevisionError("Only editors may publish or reject a revision.")
    if not revision.is_pending:
        raise RevisionError(
            f"This revision was already {revision.get_status_display().lower()}"
            + (f" by {revision.decided_by}" if revision.decided_by else "")
            + "."
        )


def _locked(revision):
    """The revision and its story, locked for the rest of the transaction."""
    article = Article._base_manager.select_for_update().get(pk=revision.article_id)
    revision = ArticleRevision.objects.select_for_update().get(pk=revision.pk)
    revision.article = article
    return revision, article


def publish(revision, editor, *, seen_version=None, confirm_stale=False):
    """Apply ``revision`` to its story as ``editor``; refuse a decision made on stale text.

    ``seen_version`` is the story's version the editor compared against: if it changed since,
    the comparison they saw is out of date. A revision proposed before a later save of the
    story is published only with ``confirm_stale`` (the editor saw the comparison with the
    current live text and chose it anyway).
    """
    with transaction.atomic():
        revision, article = _locked(revision)
        decidable(revision, editor)
        if seen_version is not None and article.version != seen_version:
            raise RevisionError(
                "The story was changed while you were comparing. Look at the comparison "
                "again before deciding."
            )
        if revision.is_stale and not confirm_stale:
            raise RevisionError(
                "The story was changed after this revision was proposed. Check the comparison "
                "with the current live text and confirm to publish it anyway."
            )
        if (
            "slug" in revision.changed_fields
            and Article._base_manager.exclude(pk=article.pk).filter(slug=revision.slug).exists()
        ):
            raise RevisionError(
                f"Another story already has the address “{revision.slug}”: reject this "
                "revision or change the story yourself."
            )
        for field in revision.changed_fields:
            attname = Article._meta.get_field(field).attname
            setattr(article, attname, getattr(revision, attname))
        article._history_user = editor
        article._change_reason = change_reason(revision)
        article.save()
        if "body" in revision.changed_fields:
            relink(article)
        revision.status = ArticleRevision.Status.PUBLISHED
        revision.decided_by, revision.decided_at = editor, timezone.now()
        revision._history_user = editor
        revision._change_reason = f"Published as version {article.version}"
        revision.save()
    return revision


def reject(revision, editor, reason=""):
    with transaction.atomic():
        revision, _article = _locked(revision)
        decidable(revision, editor)
        revision.status = ArticleRevision.Status.REJECTED
        revision.decided_by, revision.decided_at = editor, timezone.now()
        revision.reason = reason.strip()
        revision._history_user = editor
        revision._change_reason = "Rejected"
        revision.save()
    return revision


def change_reason(revision):
    """The story's history line for a published revision (the history column holds 100)."""
    author = revision.author.get_username()[:40]
    return f"Published revision #{revision.pk} by {author}"


def comparison(revision):
    """Rows for the compare page: each reviewed field, live value, proposed value, diff."""
    article = revision.article
    rows = []
    for field in REVIEWED_FIELDS:
        label = str(Article._meta.get_field(field).verbose_name)
        live, proposed = getattr(article, field), getattr(revision, field)
        changed = field in revision.changed_fields
        rows.append(
            {
                "field": field,
                "label": label[:1].upper() + label[1:],
                "live": live,
                "proposed": proposed,
                "changed": changed,
                "differs": not same_text(value(article, field), value(revision, field)),
                "diff": word_diff(str(live), str(proposed)) if field in TEXT_FIELDS else None,
            }
        )
    return rows


def changes_since(revision):
    """The story's history records saved after the revision was proposed, oldest first."""
    return (
        revision.article.history.filter(version__gt=revision.base_version)
        .select_related("history_user")
        .order_by("history_date")
    )
