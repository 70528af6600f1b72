import factory
from django.contrib.auth.models import Group

from lms.people import models
from lms.people.roles import roles_ensure


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Street
        django_get_or_create = ("name",)

    name = "粤海街道"


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Zone

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"第{n + 1}责任区")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Community

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"测试{n + 1}社区")


class CompoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Compound

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"测试{n + 1}花园")


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Branch

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"测试{n + 1}花园小区党支部")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n + 1}")
    display_name = factory.Sequence(lambda n: f"学员{n + 1}")
    mobile = factory.Sequence(lambda n: f"138{n + 1:08d}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pass-for-tests")


def user_with_role(role, **kwargs):
    """A user in one of the studio's role groups (see ``lms.people.roles``)."""
    if not Group.objects.filter(name=role.group_name).exists():
        roles_ensure()
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role.group_name))
    return user


ROSTER_HEADERS = ("用户名", "姓名", "手机号", "邮箱", "社区", "角色")


def roster_workbook(rows, *, headers=ROSTER_HEADERS, title="人员名单"):
    """An .xlsx roster as bytes: a header row, then ``rows`` (sequences of cell values)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    if headers:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
