"""The street's organisation units, as the article describes them.

street → responsibility zone → community → residential compound; compound party branches
cover one or more compounds of a community, formed alone, jointly or merged.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Street(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Zone(models.Model):
    """A responsibility zone (责任区): communities grouped under one accountable leader."""

    street = models.ForeignKey(
        Street, verbose_name=_("street"), on_delete=models.PROTECT, related_name="zones"
    )
    name = models.CharField(_("name"), max_length=100)
    leader = models.ForeignKey(
        "people.User",
        verbose_name=_("accountable leader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_zones",
    )

    class Meta:
        verbose_name = _("responsibility zone")
        verbose_name_plural = _("responsibility zones")
        ordering = ["street__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="zone_unique_name_in_street")
        ]

    def __str__(self):
        return self.name


class Community(models.Model):
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("responsibility zone"),
        on_delete=models.PROTECT,
        related_name="communities",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Compound(models.Model):
    """A residential compound (小区)."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="compounds",
    )
    name = models.CharField(_("name"), max_length=100)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    has_owners_committee = models.BooleanField(_("has an owners' committee"), default=False)

    class Meta:
        verbose_name = _("residential compound")
        verbose_name_plural = _("residential compounds")
        ordering = ["community__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="compound_unique_name_in_community"
            )
        ]

    def __str__(self):
        return self.name


class Branch(models.Model):
    """A compound party branch (小区党支部) or general branch (党总支)."""

    class Kind(models.TextChoices):
        BRANCH = "branch", _("party branch")
        GENERAL = "general", _("general party branch")

    class Formation(models.TextChoices):
        ALONE = "alone", _("formed alone")
        JOINT = "joint", _("formed jointly with neighbouring compounds")
        MERGED = "merged", _("merged with a resident organisation")

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="branches",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.BRANCH)
    formation = models.CharField(
        _("formation"), max_length=10, choices=Formation, default=Formation.ALONE
    )
    compounds = models.ManyToManyField(
        Compound, verbose_name=_("compounds covered"), related_name="branches", blank=True
    )
    secretary = models.ForeignKey(
        "people.User",
        verbose_name=_("branch secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_branches",
    )
    star_rating = models.PositiveSmallIntegerField(
        _("star rating"),
        null=True,
        blank=True,
        help_text=_("From one to five stars, as rated by the street."),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        verbose_name = _("compound party branch")
        verbose_name_plural = _("compound party branches")
        ordering = ["community__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(star_rating__isnull=True)
                | models.Q(star_rating__gte=1, star_rating__lte=5),
                name="branch_star_rating_1_to_5",
                violation_error_message=_("A star rating is from one to five stars."),
            )
        ]

    def __str__(self):
        return self.name
