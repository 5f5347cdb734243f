"""Typed text shows Persian digits on Persian pages; Persian on English pages is marked."""

from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template("{% load language_marks %}{{ text|linebreaksbr|fa_text }}|{{ text|fa_marked }}")


def render(text, language):
    with translation.override(language):
        return TEMPLATE.render(Context({"text": text}))


def test_typed_digits_in_persian_but_latin_codes_and_english_pages_as_typed():
    typed = "تأخیر 12 روزه\nاتاق 214، کد IT-01"
    shown, marked = render(typed, "fa").split("|")
    assert shown == "تأخیر ۱۲ روزه<br>اتاق ۲۱۴، کد IT-01"
    assert "lang=" not in marked
    shown, marked = render(typed, "en").split("|")
    assert "12" in shown and "214" in shown
    assert marked.startswith('<span lang="fa" dir="rtl">') and "214" in marked
    assert render("<b>1</b>", "fa").startswith("&lt;b&gt;۱&lt;/b&gt;")
