"""Writes to people and organisation records. Views, admin, imports and commands call these."""

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from lms.audit.services import audit_record

from .mobile import mobile_normalise
from .models import Community, User
from .roles import ROLES_BY_CODE
from .roster import COLUMNS_BY_KEY, RosterProblem, RosterSheet
from .selectors import roster_review, user_is_office_admin


class RosterRejected(Exception):
    """The roster has problems; nothing was saved. ``problems`` says which rows and why."""

    def __init__(self, problems: Sequence[RosterProblem]):
        super().__init__(f"{len(problems)} problems in the roster")
        self.problems = tuple(problems)


@transaction.atomic
def user_create(
    *,
    username: str,
    display_name: str,
    mobile: str | None = None,
    email: str = "",
    community: Community | None = None,
    roles: tuple[str, ...] | list[str] = (),
    password: str | None = None,
) -> User:
    """Create a person with their roles; validates like a form would, saves nothing on error."""
    user = _user_build(
        username=username,
        display_name=display_name,
        mobile=mobile,
        email=email,
        community=community,
        password=password,
    )
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


def _user_build(*, username, display_name, mobile, email, community, password=None) -> User:
    user = User(
        username=username,
        display_name=display_name,
        mobile=mobile or None,
        email=email,
        community=community,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles) -> None:
    """Give the user exactly these studio roles; groups outside the studio roles are kept."""
    unknown = [code for code in roles if code not in ROLES_BY_CODE]
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(unknown)}")
    studio_group_names = [role.group_name for role in ROLES_BY_CODE.values()]
    wanted = [ROLES_BY_CODE[code].group_name for code in roles]
    user.groups.remove(*user.groups.filter(name__in=studio_group_names).exclude(name__in=wanted))
    user.groups.add(*Group.objects.filter(name__in=wanted))
    user.__dict__.pop("_studio_group_names", None)  # roles.group_names read them once


@transaction.atomic
def roster_import(*, sheet: RosterSheet, actor: User | None) -> list[User]:
    """Create everyone on the roster, or no one.

    The sheet is checked again here, inside the transaction, because people may have been
    added between the preview and the confirmation. ``actor`` is None only on the command
    line, where whoever runs the command already has the server.

    People are built and validated as ``user_create`` does, but saved in bulk: one by one, a
    roster at the 2,000-row limit took longer than a web request may.
    """
    if actor is not None and not actor.has_perm("people.add_user"):
        raise PermissionDenied
    report = roster_review(sheet=sheet)
    if not report.ok:
        raise RosterRejected(report.problems)
    communities = {
        community.name: community
        for community in Community.objects.filter(
            name__in={entry.community for entry in report.entries if entry.community}
        )
    }
    users = []
    for entry in report.entries:
        user = _user_build(
            username=entry.username,
            display_name=entry.display_name,
            mobile=entry.mobile,
            email=entry.email,
            community=communities.get(entry.community),
        )
        try:
            # Uniqueness was checked by roster_review inside this transaction, and the
            # communities were just loaded; the database constraints still guard a race.
            user.full_clean(exclude=["community"], validate_unique=False)
        except ValidationError as error:
            raise RosterRejected(_problems_from(error, entry.row, sheet)) from error
        users.append(user)
    try:
        with transaction.atomic():
            User.objects.bulk_create(users)
    except IntegrityError as error:
        raise RosterRejected(
            [
                RosterProblem(
                    0, "", _("Someone added people at the same time. Upload the file again.")
                )
            ]
        ) from error
    ids = dict(
        User.objects.filter(username__in=[user.username for user in users]).values_list(
            "username", "pk"
        )
    )
    group_names = [role.group_name for role in ROLES_BY_CODE.values()]
    groups = dict(Group.objects.filter(name__in=group_names).values_list("name", "pk"))
    memberships = []
    for user, entry in zip(users, report.entries, strict=True):
        user.pk = ids[user.username]
        memberships.extend(
            User.groups.through(user_id=user.pk, group_id=groups[ROLES_BY_CODE[code].group_name])
            for code in entry.roles
        )
    User.groups.through.objects.bulk_create(memberships)
    for user, entry in zip(users, report.entries, strict=True):
        audit_record(actor=actor, action="user.import", target=user, row=entry.row)
    return users


def _problems_from(error: ValidationError, row: int, sheet: RosterSheet) -> list[RosterProblem]:
    by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return [
        RosterProblem(row, sheet.header_for(name) if name in COLUMNS_BY_KEY else "", message)
        for name, messages in by_field.items()
        for message in messages
    ]


# ---------------------------------------------------------------------------------------------
# Self-service: the person's own profile, sessions and password.


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, mobile: str | None, email: str, language: str
) -> User:
    """Save what a person may change about themselves; validates first, saves nothing on error.

    The interface language is kept on Wagtail's user profile, which the admin already follows.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    user.display_name = display_name.strip()
    user.mobile = mobile_normalise(mobile) if mobile else None
    user.email = User.objects.normalize_email(email.strip())
    errors = {}
    if not user.display_name:
        errors["display_name"] = [_("Enter your name.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose one of the offered languages.")]
    try:
        user.full_clean(exclude=["password", "username", "community"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    user.save(update_fields=["display_name", "mobile", "email"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    audit_record(actor=user, action="user.profile_update", target=user)
    return user


@transaction.atomic
def sessions_end_everywhere(*, user: User) -> None:
    """End every session of this person, on every device and whatever stores the sessions.

    Raising the epoch changes the session auth hash that Django checks on each request, so the
    database, cache and cached-database session backends all drop the old sessions alike.
    """
    User.objects.filter(pk=user.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    user.refresh_from_db(fields=["sessions_epoch"])
    audit_record(actor=user, action="user.sessions_end", target=user)


class PasswordResetLimited(Exception):
    """Too many reset requests for this address or from this network address."""


RESET_LIMIT_PER_ADDRESS = 3
RESET_LIMIT_PER_IP = 10
RESET_LIMIT_WINDOW = 60 * 60  # seconds


def _count_within_window(key: str) -> int:
    cache.add(key, 0, timeout=RESET_LIMIT_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RESET_LIMIT_WINDOW)
        return 1


def password_reset_request(*, email: str, ip_address: str | None, language: str) -> int:
    """Send a reset link to every active person with this address; how many, for tests only.

    The caller shows the same page whether or not anyone has the address, so the count must
    never reach the visitor. Limits count requests, not matches, for the same reason; they use
    the cache, which every web process shares once Redis is configured.
    """
    normalised = email.strip().lower()
    digest = hashlib.sha256(normalised.encode()).hexdigest()
    over_address = _count_within_window(f"people:reset:email:{digest}") > RESET_LIMIT_PER_ADDRESS
    over_ip = bool(ip_address) and (
        _count_within_window(f"people:reset:ip:{ip_address}") > RESET_LIMIT_PER_IP
    )
    if over_address or over_ip:
        raise PasswordResetLimited
    users = [
        user
        for user in User.objects.filter(email__iexact=normalised, is_active=True)
        if user.email  # an empty address never matches a typed one, but be explicit
    ]
    for user in users:
        _password_link_enqueue(user=user, language=language, purpose="reset")
    return len(users)


def _password_link_enqueue(*, user: User, language: str, purpose: str) -> None:
    from .tasks import password_link_send

    transaction.on_commit(lambda: password_link_send.delay(user.pk, language, purpose), robust=True)


PASSWORD_LINK_PURPOSES = ("reset", "invite")


def password_link_deliver(*, user: User, language: str, purpose: str) -> None:
    """Email the person a one-time link to set their password, in the given language.

    ``reset`` answers their own request; ``invite`` is sent by the office to people imported
    without a password. The link is Django's reset token: it stops working once the password
    is set, and after ``PASSWORD_RESET_TIMEOUT``.
    """
    if purpose not in PASSWORD_LINK_PURPOSES:
        raise ValueError(f"Unknown purpose {purpose!r}")
    if not user.email or not user.is_active:
        return
    with translation.override(language):
        path = reverse(
            "people:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "purpose": purpose,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("people/email/password_link_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("people/email/password_link.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("people/email/password_link.html", context), "text/html"
        )
    message.send()


@transaction.atomic
def password_links_send(*, actor: User, users, language: str) -> tuple[list[User], list[User]]:
    """The office sends set-password links; returns (sent to, left out for lack of an email).

    Only the office administrator may: the link lets whoever reads that mailbox into the
    account. Administrators' accounts are never included, as in the user admin.
    """
    if not user_is_office_admin(actor):
        raise PermissionDenied
    sent, without_email = [], []
    for user in users:
        if user.is_superuser and not actor.is_superuser:
            raise PermissionDenied
        if not user.email or not user.is_active:
            without_email.append(user)
            continue
        _password_link_enqueue(user=user, language=language, purpose="invite")
        audit_record(actor=actor, action="user.password_link_send", target=user)
        sent.append(user)
    return sent, without_email
