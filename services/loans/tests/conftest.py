import pytest
from django.core.cache import cache

from services.loans.enums import Role

from .factories import ApplicationWindowFactory, LoanTypeFactory, make_staff


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def loan_type(db):
    loan_type = LoanTypeFactory(slug="tuition", name="وام شهریه", name_en="Tuition loan")
    ApplicationWindowFactory(loan_type=loan_type)
    return loan_type


@pytest.fixture
def window(loan_type):
    return loan_type.windows.get()


@pytest.fixture
def expert(db):
    return make_staff(Role.WELFARE_EXPERT, username="expert")


@pytest.fixture
def officer(db):
    return make_staff(Role.FINANCIAL_OFFICER, username="officer")


@pytest.fixture
def liaison(db):
    return make_staff(Role.FUND_LIAISON, username="liaison")


@pytest.fixture
def outsider(db):
    """Staff of the portal with admin access but no loans role."""
    from django.contrib.auth.models import Permission

    user = make_staff(None, username="outsider")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user
