"""The loans queue costs a fixed, small number of queries whatever the rows shown (no
query per row, per button or per filter), for the welfare office's staff and for a
superuser."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from services.loans.enums import LoanStage

from .factories import AcademicTermFactory, LoanApplicationFactory, LoanTypeFactory, make_staff

pytestmark = pytest.mark.django_db

INDEX = "loans_applications_modeladmin_index"


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """The back office's shared cache as production has it (the unit-test settings
    switch it off), empty."""
    settings.CACHES = {
        **settings.CACHES,
        "backoffice": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "loans-queue-queries",
        },
    }
    caches["backoffice"].clear()
    yield
    caches["backoffice"].clear()


@pytest.mark.parametrize("who", ["welfare expert", "superuser"])
def test_every_listing_page_runs_at_most_ten_queries(
    client, expert, who, django_assert_max_num_queries
):
    tuition = LoanTypeFactory(slug="tuition", name="وام شهریه")
    housing = LoanTypeFactory(slug="housing", name="وام ودیعه مسکن")
    term = AcademicTermFactory()
    for number in range(60):
        LoanApplicationFactory(
            loan_type=(tuition, housing)[number % 2],
            term=term,
            stage=LoanStage.SUBMITTED if number % 3 else LoanStage.ELIGIBLE,
        )
    user = expert if who == "welfare expert" else make_staff(superuser=True)
    client.force_login(user)
    index = reverse(INDEX)
    assert client.get(index).status_code == 200  # the session, the menus, the choices
    listings = {
        "first page": "",
        "second page": "?p=2",
        "stage tab": "?stage=submitted",
        "loan type filter": f"?loan_type__id__exact={housing.pk}",
        "search": "?q=%D8%AF%D8%A7%D9%86%D8%B4%D8%AC%D9%88%DB%8C",  # «دانشجوی»
    }
    for name, query in listings.items():
        with django_assert_max_num_queries(10, info=name):
            response = client.get(index + query)
        assert response.status_code == 200, name
        rows = response.content.decode().count("دانشجوی آزمایشی")
        assert rows == {"first page": 50, "second page": 10, "loan type filter": 30}.get(
            name, rows
        ), name
        assert rows >= 10, name
