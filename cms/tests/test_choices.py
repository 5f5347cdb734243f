"""Long lists of choices: LongSelect writes what Django's Select writes (values, labels,
the selected option, groups, attributes, escaping), and LightModelChoiceField offers
the same options as a ModelChoiceField and returns the whole chosen object."""

import re

import pytest
from django import forms
from wagtail.models import Page

from cms.choices import LightModelChoiceField, LongSelect

CHOICES = [
    ("", "— یکی را برگزینید —"),
    ("1", "اداره رفاه <دانشجویی>"),
    ("گروه", [("2", 'معاونت "بهداشت"'), ("3", "آمار & فناوری")]),
    (4, "واحد ۴"),
]


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


@pytest.mark.parametrize("value", [None, "", "2", 4, ["1"]])
def test_long_select_writes_what_djangos_select_writes(value):
    attrs = {"id": "id_unit", "required": True, "aria-describedby": "help", "disabled": False}
    ours = LongSelect(choices=CHOICES).render("unit", value, attrs)
    django = forms.Select(choices=CHOICES).render("unit", value, attrs)
    assert normalised(ours) == normalised(django)
    assert "&lt;دانشجویی&gt;" in ours and "<دانشجویی>" not in ours


class UnitField(LightModelChoiceField):
    label_fields = ("title", "depth")

    def label_from_values(self, row):
        return "— " * (row["depth"] - 1) + row["title"]


@pytest.mark.django_db
def test_light_model_choice_field_offers_every_row_and_returns_the_object(home_page):
    field = UnitField(queryset=Page.objects.filter(pk=home_page.pk))
    options = list(field.choices)
    assert options[0] == ("", field.empty_label)
    assert [(str(value), label) for value, label in options[1:]] == [
        (str(home_page.pk), "— " + home_page.title)
    ]
    chosen = field.clean(str(home_page.pk))
    assert chosen.specific == home_page  # the whole page, not the row
    with pytest.raises(forms.ValidationError):
        field.clean("999999")
    html = field.widget.render("unit", home_page.pk)
    assert f'<option value="{home_page.pk}" selected>— {home_page.title}</option>' in html


class TitleField(LightModelChoiceField):
    label_fields = ("title",)


@pytest.mark.django_db
def test_by_default_the_first_label_field_labels_the_option(home_page):
    field = TitleField(queryset=Page.objects.filter(pk=home_page.pk), empty_label=None)
    assert [(str(value), label) for value, label in field.choices] == [
        (str(home_page.pk), home_page.title)
    ]
