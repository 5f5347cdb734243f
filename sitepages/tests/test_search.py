"""Search finds pages whichever way Persian text was typed: Arabic ي/ك or Persian ی/ک,
Persian or Latin digits, a ZWNJ or a space."""

import pytest

from .factories import NewsIndexPageFactory, NewsPageFactory, UnitIndexPageFactory, UnitPageFactory


@pytest.fixture
def units(home_page):
    index = UnitIndexPageFactory(parent=home_page)
    it = UnitPageFactory(
        parent=index,
        title="مدیریت آمار و فناوری اطلاعات",
        slug="it-statistics",
        summary="پشتیبانی کاربران و زیرساخت شبکه",
    )
    # An editor typed this one on an Arabic keyboard.
    library = UnitPageFactory(
        parent=index, title="كتابخانه مركزي", slug="library", summary="منابع علمي"
    )
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(
        parent=news_index,
        title="برنامه‌ریزی آزمون‌ها",
        slug="exams",
        summary="آزمون‌های نیمسال اول ۱۴۰۳ از ۱۵ دی آغاز می‌شود.",
    )
    return {"it": it, "library": library, "news": news}


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_query_typed_with_arabic_yeh_and_kaf_finds_the_unit(client, units):
    page = search(client, "مديريت آمار")  # Arabic ي
    assert "مدیریت آمار و فناوری اطلاعات" in page
    assert 'href="/units/it-statistics/"' in page

    page = search(client, "فناوري اطلاعات")  # Arabic ي
    assert 'href="/units/it-statistics/"' in page


@pytest.mark.django_db
def test_a_persian_query_finds_text_typed_with_arabic_letters(client, units):
    page = search(client, "کتابخانه مرکزی")  # Persian ک and ی; the page has Arabic ones
    assert 'href="/units/library/"' in page


@pytest.mark.django_db
def test_digits_and_zwnj_are_normalised(client, units):
    assert 'href="/news/exams/"' in search(client, "1403")  # the page has ۱۴۰۳
    assert 'href="/news/exams/"' in search(client, "برنامه ریزی")  # the page has a ZWNJ


@pytest.mark.django_db
def test_search_tells_when_nothing_is_found_and_hides_drafts(client, units):
    page = search(client, "واژه‌ای که هیچ‌جا نیست")
    assert "چیزی پیدا نشد" in page

    units["it"].unpublish()
    assert 'href="/units/it-statistics/"' not in search(client, "مديريت آمار")


@pytest.mark.django_db
def test_search_form_is_on_every_page(client, units):
    page = client.get("/units/it-statistics/").content.decode()
    assert 'role="search"' in page
    assert 'action="/search/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/search/", "/en/search/"])
def test_control_characters_in_the_query_are_dropped_not_a_server_error(client, units, path):
    client.raise_request_exception = False
    response = client.get(path, {"q": "مدیریت\x00 آمار\x1b"})
    assert response.status_code == 200
    if path == "/search/":
        assert "مدیریت آمار و فناوری اطلاعات" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_the_news_tag_is_not_a_server_error(client, units):
    client.raise_request_exception = False
    assert client.get("/news/", {"tag": "آزمون\x00"}).status_code == 200
