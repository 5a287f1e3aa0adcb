"""IIF-4 search and seizure memo and the append-only chain of custody (BNSS s.105)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cctns.investigation.models import CustodyMovement
from cctns.investigation.services import seizures as svc

from .conftest import ist


def seizure_data(**kw) -> dict:
    data = {"searched_at": ist(2025, 7, 12, 11, 0), "place": "House of A1", "witness1_name": "Ram Lal",
            "witness1_address": "Ward 3", "witness2_name": "Shyam Lal", "witness2_address": "Ward 4",
            "audio_video_reference": "BWC-17/2025-07-12",
            "items": [{"kind": "mobile_phone", "description": "Black phone", "imei": "490154203237518",
                       "value": "12000", "kept_at": "Malkhana"}]}
    data.update(kw)
    return data


def test_seizure_and_chain_of_custody_is_append_only(make_case, org):
    fir = make_case()
    seizure = svc.record_seizure(fir, org.io_a1, seizure_data())
    item = seizure.items.get()
    assert list(svc.seized_items_for(fir)) == [item] and item.imei == "490154203237518"
    move = svc.record_movement(item, org.io_a1, {"from_place": "Malkhana", "to_place": "FSL", "moved_at": ist(2025, 7, 13, 9, 0),
                                                 "purpose": "Examination"})
    assert svc.current_place(item) == "FSL"
    with pytest.raises(ValidationError):  # the item is no longer in the malkhana
        svc.record_movement(item, org.io_a1, {"from_place": "Malkhana", "to_place": "Court", "moved_at": ist(2025, 7, 14, 9, 0),
                                              "purpose": "Trial"})
    move.purpose = "changed"
    with pytest.raises(ValidationError):
        move.save()
    assert CustodyMovement.objects.get(pk=move.pk).purpose == "Examination"


def test_seizure_needs_two_witnesses_and_a_valid_imei(make_case, org):
    fir = make_case()
    with pytest.raises(ValidationError) as e:
        svc.record_seizure(fir, org.io_a1, seizure_data(witness2_name="", audio_video_reference="",
                                                        items=[{"kind": "mobile_phone", "description": "Phone",
                                                                "imei": "490154203237519", "kept_at": "Malkhana"}]))
    assert {"witness2_name", "audio_video_reference"} <= set(e.value.message_dict)
    assert any("imei" in k for k in e.value.message_dict)


def test_officer_of_another_station_cannot_record(make_case, org, officers):
    fir = make_case()
    with pytest.raises(PermissionDenied):
        svc.record_seizure(fir, officers.io_b1, seizure_data())
