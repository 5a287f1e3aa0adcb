"""Browser test of an IO's day on a rape case (issue 5): the IO opens the case from the FIR page,
takes up the investigation (the two-month limit of BNSS s.193(2) is shown), writes a Case Diary
page, prepares and submits a closure report; the SHO approves it, telling the informant by SMS,
and the case page shows the deadline cleared. Every request goes to the application itself."""

import datetime

import pytest

from cctns.core.models import Alert
from cctns.legal.models import Act, ActKind, Section
from cctns.registration.models import FIR
from cctns.registration.services.fir import assign_io, register_fir
from cctns.registration.tests.conftest import fir_data

from .test_fir_flow import log_in
from .test_login_flow import only_same_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rape_case(named_org):
    org = named_org
    bns = Act.objects.create(code="BNS", short_name="BNS 2023", name="Bharatiya Nyaya Sanhita, 2023", year=2023,
                             kind=ActKind.PENAL_CODE, in_force_from=datetime.date(2024, 7, 1))
    Section.objects.create(act=bns, number="64", title="Punishment for rape", is_offence=True, cognizable=True,
                           max_punishment_years=99, sensitive=True)
    fir = register_fir(org.ps_a1, org.sho_a1, fir_data(None, sections=[{"act": "BNS", "number": "64"}],
                                                       victims=[{"name": "V", "sex": "F", "age": 30}]))
    return assign_io(fir, org.sho_a1, org.io_a1)


def test_io_day_and_sho_clears_the_deadline(page, live_server, rape_case, password, shot):
    origin, fir = live_server.url, rape_case
    log_in(page, origin, "io_a1", password)
    page.goto(f"{origin}/registration/firs/{fir.pk}/")
    page.get_by_test_id("investigation-link").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/")
    form = page.get_by_test_id("transition-form")
    form.get_by_label("Reason").fill("Victim's statement recorded; scene visited.")
    form.get_by_role("button", name="Record").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/")
    assert page.get_by_test_id("case-status").inner_text() == "Under investigation"
    assert page.locator('[data-kind="investigation_due"]').count() == 1

    page.goto(f"{origin}/investigation/{fir.pk}/case-diary/")
    page.get_by_label("Places visited").fill("Scene of occurrence; hospital")
    page.get_by_label("Steps taken and circumstances ascertained").fill("Medical examination arranged; site plan drawn.")
    page.get_by_role("button", name="Write the page").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/case-diary/")
    assert page.get_by_test_id("cd-page").count() == 1

    page.goto(f"{origin}/investigation/{fir.pk}/final-report/")
    page.get_by_label("Kind of report").select_option("closure")
    page.get_by_label("Class of closure").select_option("untraced")
    page.get_by_label("Reasons / brief facts").fill("Accused not traced despite searches.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/final-report/")
    page.get_by_test_id("report-submit").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/final-report/")
    shot(page, "investigation-final-report-submitted")
    page.context.clear_cookies()

    log_in(page, origin, "sho_a1", password)
    page.goto(f"{origin}/investigation/{fir.pk}/final-report/")
    decision = page.get_by_test_id("report-decision")
    decision.get_by_label("Informant told now, by").select_option("sms")
    page.get_by_test_id("report-approve").click()
    page.wait_for_url(f"{origin}/investigation/{fir.pk}/final-report/")
    page.goto(f"{origin}/investigation/{fir.pk}/")
    assert page.get_by_test_id("case-status").inner_text() == "Final report filed"
    assert page.locator('[data-kind="investigation_due"]').count() == 0
    shot(page, "investigation-case-filed")
    assert FIR.objects.get(pk=fir.pk).status == "final_report_filed"
    assert Alert.objects.get(key=f"investigation-2m:{fir.global_id}").state == Alert.State.CLOSED
    assert only_same_origin(page.requested, origin) == []
