"""The four stages of the programme; the office may rename them or add more."""

from django.db import migrations

STAGES = [
    ("trainee", "学员", 10),
    ("reserve_cadre", "后备干部", 20),
    ("deputy_secretary", "社区党委副书记", 30),
    ("secretary", "社区党委书记", 40),
]


def seed(apps, schema_editor):
    Stage = apps.get_model("mentoring", "Stage")
    for code, name, order in STAGES:
        Stage.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0002_rotation_exclusion_postgresql")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
