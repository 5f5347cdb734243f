"""Importing a statement written like the customer's file."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sla.importer import StatementParseError, decode, import_statement, parse_statement
from sla.models import SLAStatementPage

from .factories import make_sla_index

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sla-statement-fa.txt"


@pytest.fixture
def customer_text():
    return FIXTURE.read_text(encoding="utf-8")


def test_the_customers_sections_land_in_the_right_fields(customer_text):
    parsed = parse_statement(customer_text)
    assert parsed.title == "بیانیه توافق سطح خدمات"
    assert parsed.subtitle == "توافق نامه سطح خدمت"
    assert [name for _line, name, _heading in parsed.sections] == [
        "introduction",
        "goal",
        "responsibility",
        "commitments",
        "costs",
        "performance_period",
        "termination",
        "confidentiality",
    ]
    fields = parsed.page_fields()
    assert "امکان ثبت و پیگیری درخواست" in fields["introduction"]
    assert len(parsed.channels) == 5
    assert parsed.channels[0].startswith("مستقیم از طریق چت زنده")
    # "۳- ۳- مراجعه ..." lost its doubled numbering.
    assert parsed.channels[2].startswith("مراجعه به میز خدمت ثبت درخواست ملاقات")
    assert "منوی افقی" in fields["introduction_note"]
    assert "صندوق رفاه دانشجویان" in fields["goal"]
    assert "قوانین و مقرراتی" in fields["responsibility"]
    assert "حیطه وظایف معاونت دانشجویی" in fields["provider_responsibility"]
    assert "مدیریت آمار و فناوری اطلاعات" in fields["user_responsibility"]
    assert "محرمانگی اطلاعات" in fields["commitments"]
    assert "ثبت نام دانشجویان" in fields["interactive_services"]
    assert "همواره در دسترس" in fields["availability"]
    assert "عملیات تغییر و نگهداری" in fields["maintenance"]
    assert "بصورت مجزا برای هر خدمت" in fields["costs"]
    assert "۱۴۰۰/۱۲/۲۹" in fields["performance_period"]
    assert "نسخه پشتیبان" in fields["termination"]
    assert "محرمانه تلقی" in fields["confidentiality"]
    assert parsed.signatory == "ریاست دانشگاه علوم پزشکی استان مرکزی"


def test_the_validity_date_becomes_1400_12_29(customer_text):
    parsed = parse_statement(customer_text)
    assert parsed.valid_until == dt.date(2022, 3, 20)  # 1400/12/29
    assert parsed.valid_from is None


@pytest.mark.django_db
def test_import_creates_a_draft_statement_page(home_page, customer_text):
    index = make_sla_index(home_page)
    page = import_statement(customer_text.encode(), index)
    page = SLAStatementPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.has_unpublished_changes
    assert page.latest_revision is not None
    assert page.get_parent().pk == index.pk
    assert page.slug == "statement-1400-12-29"
    assert page.valid_until == dt.date(2022, 3, 20)
    assert len(page.contact_channels) == 5
    assert page.contact_channels[4].value["text"].startswith("ویا ارتباط تلفن")
    assert "<p>" in page.goal
    # Importing again gives a second draft with its own slug, not a clash.
    again = import_statement(customer_text.encode(), index)
    assert again.slug == "statement-1400-12-29-2"


@pytest.mark.django_db
def test_import_command(home_page, tmp_path):
    make_sla_index(home_page)
    out = StringIO()
    call_command("import_sla", str(FIXTURE), "--title", "وام دانشجویی", stdout=out)
    page = SLAStatementPage.objects.get()
    assert page.title == "وام دانشجویی"
    assert not page.live
    assert "draft" in out.getvalue()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("عنوان\n\nمتنی بدون هیچ بخش شماره‌دار\nو سطری دیگر\nو باز هم سطری دیگر\n", 5, "before"),
        ("عنوان\n\n۱- مقدمه\n\nمتن\n\n۲- پیشگفتار دوم\n", 7, "not a section"),
        ("عنوان\n\n۱- مقدمه\n\nمتن\n\n۲- هدف\n\nمتن\n", 9, "performance period"),
        ("عنوان\n\n۱- مقدمه\n\n۲- هدف\n\n۳- دوره عملکرد\n\nتا تاریخ مشخص معتبر است.\n", 7, "date"),
        ("عنوان\n\n۱- مقدمه\n\n۲- دوره عملکرد\n\nتا تاریخ ۱۴۰۰/۱۳/۴۰ معتبر است.\n", 7, "Jalali"),
        ("عنوان\n\n۱- مقدمه\n\n۳- هزینه ها\n", 5, "expected section"),
    ],
)
def test_a_file_it_cannot_understand_names_the_line(text, line, words):
    with translation.override("en"), pytest.raises(StatementParseError) as error:
        parse_statement(text)
    assert error.value.line == line
    assert words in error.value.problem


def test_a_file_that_is_not_utf8_names_the_line():
    data = "عنوان\n".encode() + b"\xff\xfe bad\n"
    with pytest.raises(StatementParseError) as error:
        decode(data)
    assert error.value.line == 2


@pytest.mark.django_db
def test_an_unparseable_file_creates_nothing(home_page, tmp_path):
    make_sla_index(home_page)
    bad = tmp_path / "bad.txt"
    bad.write_text("عنوان\n\n۱- مقدمه\n\nمتن بدون تاریخ اعتبار\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_sla", str(bad), stdout=StringIO())
    assert "چیزی درون‌ریزی نشد" in str(error.value)
    assert "۵" in str(error.value)  # the line of the section without a date
    assert SLAStatementPage.objects.count() == 0


@pytest.mark.django_db
def test_import_command_without_an_index_says_so(home_page):
    with pytest.raises(CommandError, match="no SLA index page"):
        call_command("import_sla", str(FIXTURE), stdout=StringIO())
