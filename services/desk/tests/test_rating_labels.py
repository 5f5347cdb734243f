"""The rating radios read as numbers and words, in the page's digits, under a legend."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from services.desk.forms import RatingForm


def rendered(language):
    with translation.override(language):
        form = RatingForm()
        html = render_to_string("components/forms/field.html", {"field": form["rating"]})
    return BeautifulSoup(html, "html.parser")


def test_rating_choices_in_persian_digits_and_words_with_a_legend():
    soup = rendered("fa")
    assert soup.find("legend").get_text(strip=True).startswith("چقدر از پاسخ راضی هستید؟")
    labels = [label.get_text(" ", strip=True) for label in soup.find_all("label")]
    assert "۵ — عالی" in labels and "۱ — خیلی بد" in labels
    assert not any(digit in "".join(labels) for digit in "12345")
    english = [label.get_text(" ", strip=True) for label in rendered("en").find_all("label")]
    assert "5 — Excellent" in english and "1 — Very bad" in english
