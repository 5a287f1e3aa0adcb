"""factory-boy factories for units and users, shared by every app's tests."""

import factory

from cctns.core.constants import Rank, Role, UnitKind
from cctns.core.models import Unit, User

TEST_PASSWORD = "Test-Passw0rd-2026"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.POLICE_STATION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    rank = Rank.SI
    role = Role.STATION_WRITER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
