"""Email subscriptions: confirmation, notifications, one-click unsubscribe."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from services.outages.enums import NoticeState
from services.outages.models import NoticeUpdate, Subscriber
from services.outages.notifications import send_update_notifications
from services.outages.timeline import post_update

from .factories import OutageNoticeFactory, ServiceFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def link_in(message, name):
    urls = re.findall(r"https?://\S+", message.body)
    return next(url for url in urls if f"/{name}/" in url)


def test_subscribing_needs_a_confirmation_by_email(client, home_page, service):
    response = client.post(
        "/status/subscribe/", {"email": " Citizen@Example.IR ", "services": [service.pk]}
    )
    assert response.status_code == 200
    assert "صندوق ایمیل خود را ببینید" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "citizen@example.ir" and not subscriber.is_confirmed
    assert list(subscriber.services.all()) == [service]
    (message,) = mail.outbox
    assert message.to == ["citizen@example.ir"]
    assert message.subject == "اشتراک خود در ایمیل‌های وضعیت خدمات را تأیید کنید"
    confirm = link_in(message, "confirm")
    assert subscriber.token in confirm and "citizen" not in confirm
    path = confirm.split("testserver", 1)[-1]
    # A mail scanner or a link preview follows the link: nothing changes.
    page = client.get(path)
    assert page.status_code == 200 and "اشتراک تأیید شد" not in page.content.decode()
    assert 'method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed
    # The person presses the button.
    done = client.post(path)
    assert done.status_code == 200 and "اشتراک تأیید شد" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed


def test_the_confirm_button_needs_the_page_csrf_token(home_page):
    from django.test import Client

    subscriber = SubscriberFactory(email="c@example.ir", unconfirmed=True)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/status/subscribe/confirm/{subscriber.token}/")
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed


def test_the_answer_is_the_same_for_a_known_address_and_confirmations_are_throttled(
    client, home_page
):
    SubscriberFactory(email="known@example.ir")
    known = client.post("/status/subscribe/", {"email": "known@example.ir"}).content.decode()
    unknown = client.post("/status/subscribe/", {"email": "new@example.ir"}).content.decode()
    # The same page but for the address typed (and the CSP nonce, new on every response).
    strip = lambda body: re.sub(r'\S+@example\.ir|nonce="[^"]*"', "", body)  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject == "شما پیش‌تر در ایمیل‌های وضعیت خدمات مشترک شده‌اید"
    client.post("/status/subscribe/", {"email": "new@example.ir"})
    assert len(mail.outbox) == 2  # no second confirmation within ten minutes


def test_an_invalid_address_is_refused(client, home_page):
    response = client.post("/status/subscribe/", {"email": "not-an-address"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_confirmation_links_use_the_configured_base_url_not_a_forged_host(
    client, home_page, settings
):
    settings.PORTAL_BASE_URL = "https://portal.arakmu.ac.ir"
    response = client.post(
        "/status/subscribe/", {"email": "citizen@example.ir"}, HTTP_HOST="attacker.example"
    )
    assert response.status_code == 200
    (message,) = mail.outbox
    urls = re.findall(r"https?://[^\s>]+", message.body)
    assert urls and all(url.startswith("https://portal.arakmu.ac.ir/status/") for url in urls)
    assert "attacker.example" not in message.body
    assert "attacker.example" not in str(message.extra_headers)


def test_subscribers_are_emailed_when_a_notice_is_published_and_updated(
    django_capture_on_commit_callbacks, service, settings
):
    settings.PORTAL_BASE_URL = "https://portal.arakmu.ac.ir"
    fa = SubscriberFactory(email="fa@example.ir")
    en = SubscriberFactory(email="en@example.ir", language="en")
    SubscriberFactory(email="pending@example.ir", unconfirmed=True)
    other = ServiceFactory(responsible_unit=service.responsible_unit)
    SubscriberFactory(email="other@example.ir", services=[other])
    SubscriberFactory(email="loans@example.ir", services=[service])

    notice = OutageNoticeFactory(draft=True, title="قطعی سامانهٔ وام", title_en="Loans down")
    notice.services.set([service])
    notice.whole_portal = False
    notice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["en@example.ir", "fa@example.ir", "loans@example.ir"]
    persian = next(m for m in mail.outbox if m.to == [fa.email])
    assert persian.subject == "قطعی پیش‌بینی‌نشده: قطعی سامانهٔ وام"
    assert "در حال بررسی هستیم." in persian.body
    english = next(m for m in mail.outbox if m.to == [en.email])
    assert english.subject == "Unplanned outage: Loans down"
    assert "/en/status/notices/" in english.body
    # One-click unsubscribe (RFC 8058), the recipient's own link.
    assert (
        persian.extra_headers["List-Unsubscribe"]
        == f"<https://portal.arakmu.ac.ir/status/unsubscribe/{fa.token}/>"
    )
    assert persian.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert persian.alternatives[0][1] == "text/html" and 'dir="rtl"' in persian.alternatives[0][0]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_update(notice, user=None, state=NoticeState.RESOLVED, message="برطرف شد.")
    assert len(mail.outbox) == 3
    persian = next(m for m in mail.outbox if m.to == [fa.email])
    assert persian.subject == "به‌روزرسانی (برطرف شد): قطعی سامانهٔ وام"
    assert "برطرف شد." in persian.body


def test_a_notice_is_never_emailed_twice(django_capture_on_commit_callbacks):
    SubscriberFactory()
    notice = OutageNoticeFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert len(mail.outbox) == 1
    update = notice.updates.get()
    assert update.notified_at is not None
    assert send_update_notifications(update.pk) == 0
    call_command("send_outage_notifications", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_command_retries_what_failed(monkeypatch):
    SubscriberFactory()
    notice = OutageNoticeFactory(with_timeline=True)
    update = notice.updates.get()

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert send_update_notifications(update.pk) == 0
    update.refresh_from_db()
    assert update.notified_at is None  # released for a retry
    monkeypatch.undo()
    call_command("send_outage_notifications", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert NoticeUpdate.objects.get(pk=update.pk).notified_at is not None


def test_old_news_is_not_sent_late():
    SubscriberFactory()
    notice = OutageNoticeFactory()
    old = NoticeUpdate.objects.create(
        notice=notice,
        posted_at=timezone.now() - timezone.timedelta(days=2),
        state="investigating",
        impact="major",
        message="دیروز",
    )
    call_command("send_outage_notifications", stdout=StringIO())
    assert not mail.outbox
    assert NoticeUpdate.objects.get(pk=old.pk).notified_at is None


def test_unsubscribing_with_one_click(client, home_page):
    subscriber = SubscriberFactory()
    url = f"/status/unsubscribe/{subscriber.token}/"
    page = client.get(url)
    assert page.status_code == 200 and subscriber.email in page.content.decode()
    assert Subscriber.objects.exists()  # a link scanner's visit changes nothing
    # What a mail client sends for its one-click button (RFC 8058): no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "اشتراک شما لغو شد" in response.content.decode()
    assert not Subscriber.objects.exists()
    # Again: still a calm answer.
    assert csrf_client.post(url).status_code == 200


def test_an_unknown_confirmation_link_is_a_404(client, home_page):
    response = client.get("/status/subscribe/confirm/nope/")
    assert response.status_code == 404
    assert "این پیوند دیگر معتبر نیست" in response.content.decode()


def test_subscribers_are_a_backup_dataset():
    from cms.plugins import registry

    assert "outages.Subscriber" in [dataset.model for dataset in registry.backup_datasets()]


def test_one_mailbox_gets_at_most_its_share_of_confirmations_from_many_addresses(
    client, home_page, service, settings
):
    settings.PORTAL_EMAIL_DESTINATION_LIMIT = (5, 3600)
    for number in range(12):
        # As if the per-subscriber pause of ten minutes had passed each time.
        Subscriber.objects.update(confirmation_sent_at=None)
        response = client.post(
            "/status/subscribe/",
            {"email": "victim@example.ir", "services": [service.pk]},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        assert response.status_code == 200
    assert len([m for m in mail.outbox if m.to == ["victim@example.ir"]]) == 5
