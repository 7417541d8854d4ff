"""The content editor: a role for editing the guidance, with no access to projects.

Content editors are staff (they can open the admin) but not superusers, and belong to
the group ``content-editor``, which holds the view/add/change permissions of the content
apps' models only (:data:`CONTENT_APPS`; nothing can be deleted: content is retired by
loading a new version). They get no permission on projects, steps, audit events,
invitations, assistant questions or feedback, or API tokens, and being staff opens no
project either: only members and superusers (the operators) see a project (see
``vejviser/projects/access.py``). The one view of users' questions they get is the
assistant's page of content gaps (``/assistant/gaps/``): unanswered and unhelpful
questions, scrubbed of identifiers and users' names, never the asker, answer or project.

The group and its permissions are (re)made after every ``migrate``, so a new content
model is covered once its app is listed here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

CONTENT_EDITOR = "content-editor"

#: Apps whose models are guidance content (edited in the admin by content editors).
CONTENT_APPS = ("journey",)

#: What a content editor may do with a content model.
ACTIONS = ("view", "add", "change")


def content_editor_group() -> Group:
    """The content-editor group with exactly the content permissions (idempotent)."""
    group, _created = Group.objects.get_or_create(name=CONTENT_EDITOR)
    permissions = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).filter(
        codename__regex=rf"^({'|'.join(ACTIONS)})_"
    )
    group.permissions.set(permissions)
    return group


def make_content_editor(user: Any) -> None:
    """Staff without superuser rights, in the content-editor group."""
    user.is_staff = True
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.add(content_editor_group())


def after_migrate(sender: Any, **kwargs: Any) -> None:
    if sender.label in CONTENT_APPS:
        content_editor_group()
