"""Attachments are judged by content, limited in size and count, stored privately and
sent back only as downloads."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cms import uploads

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


DOCX_MAIN = uploads._DOCX_MAIN.decode()


def docx_bytes(main_type=DOCX_MAIN, extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PDF_BYTES, "pdf"), (PNG_BYTES, "png"), (JPEG_BYTES, "jpeg"), (docx_bytes(), "docx")],
)
def test_kinds_are_recognised_by_content(data, kind):
    assert uploads.detect_kind(upload("whatever.bin", data)).key == kind


def test_a_disguised_file_is_refused_whatever_its_name_and_content_type():
    html = upload("letter.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(html)
    assert error.value.code == "file_kind"
    assert "letter.pdf" in error.value.messages[0]
    exe = upload("photo.jpg", b"MZ\x90\x00" + b"\x00" * 100, "image/jpeg")
    with pytest.raises(ValidationError):
        uploads.validate_upload(exe)


def test_a_zip_or_a_macro_document_is_not_a_docx():
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert uploads.detect_kind(upload("a.docx", plain_zip.getvalue())) is None
    macro = docx_bytes(extra={"word/vbaProject.bin": b"\x00"})
    assert uploads.detect_kind(upload("a.docx", macro)) is None
    docm = docx_bytes(main_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    assert uploads.detect_kind(upload("a.docx", docm)) is None


def test_size_count_and_total_limits(settings):
    settings.PORTAL_UPLOAD_MAX_SIZE = 100
    settings.PORTAL_UPLOAD_MAX_FILES = 2
    settings.PORTAL_UPLOAD_MAX_TOTAL_SIZE = 150
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(upload("big.pdf", PDF_BYTES + b"x" * 200))
    assert error.value.code == "file_too_large"
    with pytest.raises(ValidationError) as error:
        uploads.validate_uploads([upload(f"{i}.pdf", PDF_BYTES) for i in range(3)])
    assert error.value.code == "too_many_files"
    with pytest.raises(ValidationError) as error:
        uploads.validate_uploads(
            [upload("a.png", PNG_BYTES + b"1" * 20), upload("b.png", PNG_BYTES)]
        )
    assert error.value.code == "files_too_large"
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(upload("empty.pdf", b""))
    assert error.value.code == "file_empty"


def test_attachments_field_cleans_to_files_with_kinds_and_reports_each_bad_file():
    field = uploads.AttachmentsField()
    cleaned = field.clean([upload("a.pdf", PDF_BYTES), upload("b.png", PNG_BYTES)])
    assert [kind.key for _file, kind in cleaned] == ["pdf", "png"]
    assert field.clean(None) == []
    with pytest.raises(ValidationError) as error:
        field.clean([upload("a.exe", b"MZ" + b"\x00" * 10), upload("b.txt", b"hello")])
    assert len(error.value.messages) == 2


def test_limits_help_text_is_in_persian_digits():
    from django.utils import translation

    with translation.override("fa"):
        text = uploads.limits_help_text()
    assert "۵" in text and "PDF" in text
    with translation.override("en"):
        assert "5 files" in uploads.limits_help_text()


def test_private_storage_follows_the_setting_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "vault"
    storage = uploads.private_storage()
    name = storage.save(uploads.generated_name("desk", "pdf"), ContentFile(PDF_BYTES))
    assert (tmp_path / "vault" / name).read_bytes() == PDF_BYTES
    assert name.startswith("desk/") and name.endswith(".pdf") and len(name.split("/")[-1]) == 36
    with pytest.raises(ValueError):
        storage.url(name)
    assert not str(tmp_path / "vault").startswith(str(settings.MEDIA_ROOT))


def test_attachment_response_is_a_download_that_is_never_sniffed(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = uploads.private_storage()
    name = storage.save("x/file.pdf", ContentFile(PDF_BYTES))
    response = uploads.attachment_response(
        storage.open(name), uploads.safe_download_name("نامهٔ من.pdf", "pdf"), "application/pdf"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_safe_download_name_keeps_persian_and_drops_paths():
    assert uploads.safe_download_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert uploads.safe_download_name('مدرک "۱".exe', "png") == "مدرک ۱.png"
    assert uploads.safe_download_name("", "docx") == "attachment.docx"


def test_sha256_of_a_file():
    assert uploads.sha256_of(io.BytesIO(b"abc")).startswith("ba7816bf")


def test_sizes_and_file_types_read_right_in_each_language():
    with translation.override("fa"):
        text = uploads.limits_help_text()
        assert "۵٫۰ مگابایت" in text and "MB" not in text
        assert "PDF، JPEG" in text
    with translation.override("en"):
        text = uploads.limits_help_text()
        assert "5.0 MB" in text and "PDF, JPEG" in text and "،" not in text
