"""Builds the demo studio from the data modules, creating or updating each thing in place.

Everything is found by a stable key (a unit's name, a snippet's name, an image's title, a page's
slug under its parent, a username), so running the loader again changes nothing unless the data
changed. A page gets a new published revision only when its content differs from the data.
People are created through ``lms.people.services``; organisation units have no service yet and
are written here.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from cms.models import (
    CoursePage,
    ExchangeSessionPage,
    LecturePage,
    ProgrammePage,
    ScenarioExercisePage,
    Speaker,
    StudioHomePage,
    StudyTourPage,
    StudyTourPhoto,
    Venue,
)
from lms.people.models import Branch, Community, Compound, Street, User, Zone
from lms.people.roles import ROLES_BY_CODE
from lms.people.services import user_create, user_set_roles

from . import curriculum, organisation, people
from .assessment import assessment_load
from .blocks import SHANGHAI
from .images import demo_collection, image_ensure
from .learning import learning_load
from .mentoring import mentoring_load

ACTIVITY_MODELS = {
    "lecture": LecturePage,
    "exchange": ExchangeSessionPage,
    "scenario": ScenarioExercisePage,
    "tour": StudyTourPage,
}
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class DemoDataError(Exception):
    """The database holds something the demo cannot reconcile with its data."""


@dataclass
class DemoReport:
    tally: Counter = field(default_factory=Counter)  # (kind, status) -> count
    accounts: list[dict] = field(default_factory=list)
    home: Page | None = None

    def add(self, kind: str, status: str) -> None:
        self.tally[kind, status] += 1

    def total(self, kind: str) -> int:
        return sum(n for (k, _status), n in self.tally.items() if k == kind)


# The opening meeting placed at an earlier load is kept while its sign-in stays open at least
# this much longer; otherwise it is placed again around the new "now".
KEEP_OPENING_FOR = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class DemoClock:
    """Where the demo's dates fall, so that its journeys work whenever it is loaded.

    ``opening`` is when the opening meeting starts: half an hour to an hour before the moment of
    loading, so its sign-in window (open from 30 minutes before the start) is open now and for
    hours to come, at any hour of the day. A later load keeps an earlier placing while it still
    works (the demo loads idempotently), and moves it otherwise. The other dated activities move
    by whole weeks from the week they were written for to the opening's week.
    """

    opening: datetime.datetime

    @classmethod
    def at(cls, now: datetime.datetime, *, placed: datetime.datetime | None) -> "DemoClock":
        length = curriculum.PLACED_AT_LOAD["opening-meeting"][1]
        closes = placed + length + datetime.timedelta(minutes=30) if placed else None
        if placed and placed - datetime.timedelta(minutes=30) <= now <= closes - KEEP_OPENING_FOR:
            return cls(opening=placed)
        local = now.astimezone(SHANGHAI)
        half_hour = local.replace(minute=local.minute // 30 * 30, second=0, microsecond=0)
        return cls(opening=half_hour - datetime.timedelta(minutes=30))

    @property
    def shift(self) -> datetime.timedelta:
        """Whole weeks from the week the curriculum was written for to the opening's week."""
        days = (self.opening.astimezone(SHANGHAI).date() - curriculum.WRITTEN_FOR).days
        return datetime.timedelta(weeks=days // 7)

    def place(self, data: dict) -> dict:
        """An activity's data with its start and end where this clock puts them."""
        data = dict(data)
        if "starts_at" not in data:
            return data
        if data["slug"] in curriculum.PLACED_AT_LOAD:
            start, end = curriculum.PLACED_AT_LOAD[data["slug"]]
            data["starts_at"], data["ends_at"] = self.opening + start, self.opening + end
        else:
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    data[name] += self.shift
        return data


def demo_clock(now: datetime.datetime | None = None) -> DemoClock:
    """The clock for a load at ``now``, keeping the opening meeting already placed if it works."""
    placed = (
        ExchangeSessionPage.objects.filter(slug="opening-meeting")
        .values_list("starts_at", flat=True)
        .first()
    )
    return DemoClock.at(now or timezone.now(), placed=placed)


@transaction.atomic
def demo_load(*, with_accounts: bool) -> DemoReport:
    report = DemoReport()
    clock = demo_clock()
    units = organisation_load(report)
    speakers = {
        s["name"]: _upsert(Speaker, {"name": s["name"]}, s, report, "speaker")
        for s in curriculum.SPEAKERS
    }
    venues = {
        v["name"]: _upsert(Venue, {"name": v["name"]}, v, report, "venue")
        for v in curriculum.VENUES
    }
    report.home = curriculum_load(report, speakers=speakers, venues=venues, clock=clock)
    site_root_set(report.home, site_name=curriculum.SITE_NAME)
    welcome_page_remove()
    if with_accounts:
        accounts_load(report, units)
        programme = report.home.get_children().get(slug=curriculum.PROGRAMME["slug"])
        learning_load(programme=programme)
        mentoring_load(programme=programme)
        assessment_load(programme=programme)
    return report


# Organisation ------------------------------------------------------------------------------


def organisation_load(report: DemoReport) -> dict:
    street = _upsert(Street, {"name": organisation.STREET}, {}, report, "street")
    communities = {}
    zones = {}
    for zone_data in organisation.ZONES:
        zone = _upsert(Zone, {"street": street, "name": zone_data["name"]}, {}, report, "zone")
        zones[zone.name] = zone
        for name in zone_data["communities"]:
            communities[name] = _upsert(
                Community, {"name": name}, {"zone": zone}, report, "community"
            )
    compounds = {}
    for data in organisation.COMPOUNDS:
        values = {k: v for k, v in data.items() if k not in ("community", "name")}
        community = communities[data["community"]]
        compounds[data["name"]] = _upsert(
            Compound, {"community": community, "name": data["name"]}, values, report, "compound"
        )
    branches = {}
    for data in organisation.BRANCHES:
        values = {
            "community": communities[data["community"]],
            "kind": data["kind"],
            "formation": data["formation"],
            "star_rating": data["star_rating"],
        }
        branch = _upsert(Branch, {"name": data["name"]}, values, report, "branch")
        wanted = {compounds[name].pk for name in data["compounds"]}
        if set(branch.compounds.values_list("pk", flat=True)) != wanted:
            branch.compounds.set(wanted)
        branches[branch.name] = branch
    return {"communities": communities, "zones": zones, "branches": branches}


def _upsert(model, lookup: dict, values: dict, report: DemoReport, kind: str):
    """Find by ``lookup``; create, or set only the ``values`` that differ."""
    values = {k: v for k, v in values.items() if k not in lookup}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.add(kind, CREATED)
        return obj
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    report.add(kind, UPDATED if changed else UNCHANGED)
    return obj


def _differs(obj, name: str, value) -> bool:
    if isinstance(value, models.Model):
        return getattr(obj, f"{name}_id") != value.pk
    return getattr(obj, name) != value


# Curriculum --------------------------------------------------------------------------------


def curriculum_load(
    report: DemoReport, *, speakers: dict, venues: dict, clock: DemoClock
) -> StudioHomePage:
    collection = demo_collection()
    root = Page.get_first_root_node()
    home_data = dict(curriculum.HOME)
    home = page_ensure(
        root, StudioHomePage, home_data, report, existing=StudioHomePage.objects.first()
    )
    programme = page_ensure(home, ProgrammePage, curriculum.PROGRAMME, report)
    for course_data in curriculum.COURSES:
        course_fields = {k: v for k, v in course_data.items() if k != "activities"}
        course = page_ensure(programme, CoursePage, course_fields, report)
        for activity in course_data["activities"]:
            data = clock.place(activity)
            model = ACTIVITY_MODELS[data.pop("kind")]
            if "speaker" in data:
                data["speaker"] = speakers[data["speaker"]] if data["speaker"] else None
            if "venue" in data:
                data["venue"] = venues[data["venue"]] if data["venue"] else None
            photos = None
            if "photos" in data:
                photos = []
                for photo in data.pop("photos"):
                    image, created = image_ensure(
                        title=photo["title"],
                        scene=photo["scene"],
                        label=photo["label"],
                        collection=collection,
                    )
                    report.add("image", CREATED if created else UNCHANGED)
                    photos.append((image, photo["caption"]))
            page_ensure(course, model, data, report, photos=photos)
    return home


def page_ensure(parent, model, data: dict, report: DemoReport, *, existing=None, photos=None):
    """The page with this slug under ``parent``, created or brought up to date, and published.

    ``photos`` is a list of ``(image, caption)`` for a study tour's photo gallery.
    """
    data = dict(data)
    slug = data.pop("slug")
    values = _python_values(model, data)
    page = existing or parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = model(slug=slug, **values)
        if photos is not None:
            page.photos = _photo_objects(photos)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.add("page", CREATED)
        return page
    if not isinstance(page, model):
        raise DemoDataError(
            f"The page “{page.title}” (id {page.pk}) has the slug “{slug}” the demo needs for "
            f"a {model._meta.verbose_name}; move or rename it and run the command again."
        )
    before = _snapshot(page, values)
    for name, value in values.items():
        setattr(page, name, value)
    changed = before != _snapshot(page, values)
    if photos is not None:
        current = [(p.image_id, p.caption) for p in page.photos.all()]
        if current != [(image.pk, caption) for image, caption in photos]:
            page.photos = _photo_objects(photos)
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        report.add("page", UPDATED)
    else:
        report.add("page", UNCHANGED)
    return page


def _photo_objects(photos) -> list[StudyTourPhoto]:
    return [
        StudyTourPhoto(image=image, caption=caption, sort_order=position)
        for position, (image, caption) in enumerate(photos)
    ]


def _python_values(model, data: dict) -> dict:
    """Field values as the model holds them (dates, decimals), so comparisons are exact."""
    values = {}
    for name, value in data.items():
        model_field = model._meta.get_field(name)
        if isinstance(model_field, StreamField) or model_field.is_relation:
            values[name] = value
        else:
            values[name] = model_field.to_python(value)
    return values


def _snapshot(page, names) -> dict:
    """The page's values for these fields, comparable across a save (StreamField ids ignored)."""
    result = {}
    for name in names:
        model_field = page._meta.get_field(name)
        value = model_field.value_from_object(page)
        if isinstance(model_field, StreamField):
            for _child in value:  # bind every block, so list blocks serialise in one shape
                pass
            result[name] = _without_ids(model_field.stream_block.get_prep_value(value))
        else:
            result[name] = model_field.to_python(value)
    return result


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if not (k == "id" and "type" in data)}
    return data


def site_root_set(home: Page, *, site_name: str) -> None:
    """Make the studio home the default site's root page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=site_name,
        )
    elif site.root_page_id != home.pk or site.site_name != site_name:
        site.root_page = home
        site.site_name = site_name
        site.save()


def welcome_page_remove() -> None:
    """Delete Wagtail's untouched “Welcome to your new Wagtail site!” page once it is no root."""
    candidates = Page.objects.filter(
        depth=2,
        slug="home",
        numchild=0,
        content_type=ContentType.objects.get_for_model(Page),
        title__startswith="Welcome to your new Wagtail site",
    )
    for page in candidates:
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


# People ------------------------------------------------------------------------------------


def accounts_load(report: DemoReport, units: dict) -> None:
    for spec in [*people.ACCOUNTS, people.SUPERUSER]:
        community = units["communities"][spec["community"]] if spec["community"] else None
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = user_create(
                username=spec["username"],
                display_name=spec["display_name"],
                mobile=spec["mobile"],
                community=community,
                roles=spec["roles"],
                password=people.DEMO_PASSWORD,
            )
            status = CREATED
        else:
            # No update service exists yet: an existing account keeps its profile and password;
            # only its studio roles are reset to the demo's.
            user_set_roles(user=user, roles=spec["roles"])
            status = UNCHANGED
        report.add("account", status)
        report.accounts.append(
            {
                "username": user.username,
                "display_name": user.display_name,
                "roles": [ROLES_BY_CODE[code].label for code in spec["roles"]],
                "community": user.community.name if user.community_id else "",
                "status": status,
            }
        )
        if leads := spec.get("leads_branch"):
            Branch.objects.filter(name=leads).exclude(secretary=user).update(secretary=user)
        if leads := spec.get("leads_zone"):
            zone = units["zones"][leads]
            Zone.objects.filter(pk=zone.pk).exclude(leader=user).update(leader=user)
        if spec is people.SUPERUSER and not (user.is_superuser and user.is_staff):
            # lms.people.services has no way to grant superuser status yet.
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
