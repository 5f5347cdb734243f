"""A document in a page's body says its type and size as people read them: «۵٫۰ مگابایت»
with the Persian decimal mark on Persian pages, "5.0 MB" on English ones."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents.models import Document

from sitepages.blocks import DocumentBlock

pytestmark = pytest.mark.django_db


def test_document_size_in_persian_and_english():
    document = Document(title="آیین‌نامه")
    document.file.save("rules.pdf", ContentFile(b"%PDF" + b"0" * (5 * 1024 * 1024)), save=False)
    document.file_size = 5 * 1024 * 1024
    document.save()
    block = DocumentBlock()
    value = block.to_python({"document": document.pk, "title": ""})
    with translation.override("fa"):
        persian = block.render(value)
    with translation.override("en"):
        english = block.render(value)
    assert "(PDF، ۵٫۰ مگابایت)" in persian
    assert "(PDF, 5.0 MB)" in english
