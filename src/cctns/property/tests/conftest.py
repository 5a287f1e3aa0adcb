"""Fixtures of the property tests: items at the stations of the shared ``org`` fixture."""

import pytest

from cctns.property.constants import PropertyState
from cctns.property.models import MobilePhone, Vehicle
from cctns.property.services import register_item

STOLEN_IMEI = "490154203237518"


@pytest.fixture
def stolen_vehicle(org):
    """A motorcycle reported stolen at PS A1."""
    return register_item(Vehicle(state=PropertyState.STOLEN, registration_number="AP 09 BX 4521",
                                 chassis_number="MBLHA10AMGHB12345", engine_number="HA10EFGHB54321",
                                 make="Hero", model="Splendor", colour="Black"), by=org.writer_a1)


@pytest.fixture
def stolen_phone(org):
    """A phone reported stolen at PS A1."""
    return register_item(MobilePhone(state=PropertyState.STOLEN, imei=STOLEN_IMEI, make="Samsung", model="M31"),
                         by=org.writer_a1)
