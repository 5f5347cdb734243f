"""The citizen's pages and the polling fallback, as a browser without sockets uses them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cms import sms
from cms.tracking import format_tracking_code
from services.chat import domain
from services.chat.enums import Availability, ChatState
from services.chat.models import ChatMembership, ChatSession
from services.chat.tests.factories import online_official

pytestmark = pytest.mark.django_db

START = {"name": "زهرا احمدی", "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "message": "سلام، وام مسکن؟"}


def start_chat(client, unit):
    return start_chat_as(client, unit)


def start_chat_as(client, unit, **fields):
    response = client.post(reverse("chat:hub"), {**START, "unit": unit.pk, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ChatSession.objects.latest("pk")


def test_home_and_hub_tell_who_is_online(client, welfare, official):
    home = client.get("/").content.decode()
    assert "گفت‌وگوی زنده با کارشناسان" in home
    assert welfare.title in home
    page = client.get(reverse("chat:hub")).content.decode()
    assert "data-chat-online" in page and welfare.title in page


def test_nobody_online_offers_the_desk_with_the_typed_text(client, welfare, official):
    domain.set_availability(official, Availability.AWAY)
    home = client.get("/").content.decode()
    assert "اکنون کارشناسی برخط نیست" in home
    page = client.get(reverse("chat:hub")).content.decode()
    assert "data-chat-offline" in page
    # The typed question goes to the desk by POST (test_to_desk.py follows it there).
    assert f'method="post" action="{reverse("chat:to_desk")}"' in page


def test_start_form_errors_keep_what_was_typed(client, welfare, official):
    response = client.post(reverse("chat:hub"), {**START, "unit": welfare.pk, "mobile": "123"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "سلام، وام مسکن؟" in body
    assert not ChatSession.objects.exists()


def test_polling_carries_the_same_messages_in_order(client, welfare, official):
    chat = start_chat(client, welfare)
    assert client.get(reverse("chat:conversation")).status_code == 200
    domain.accept(official, chat.pk)
    domain.send_as_official(official, chat.pk, "سلام، بفرمایید https://example.com")
    domain.add_note(official, chat.pk, "یادداشت محرمانه")
    sent = client.post(reverse("chat:api_send"), {"body": "ممنونم"})
    assert sent.status_code == 200
    data = client.get(reverse("chat:api_poll"), {"after": 0}).json()
    bodies = [m["body"] for m in data["messages"]]
    assert bodies[0] == "سلام، وام مسکن؟" and bodies[-1] == "ممنونم"
    assert "یادداشت محرمانه" not in bodies
    seqs = [m["seq"] for m in data["messages"]]
    assert seqs == sorted(seqs)
    assert data["state"]["state"] == ChatState.ACTIVE
    later = client.get(reverse("chat:api_poll"), {"after": seqs[-2]}).json()
    assert [m["body"] for m in later["messages"]] == ["ممنونم"]


def test_polling_refuses_strangers_and_bad_input(client, welfare, official):
    assert client.get(reverse("chat:api_poll")).status_code == 403
    start_chat(client, welfare)
    assert client.get(reverse("chat:api_poll"), {"after": "x"}).status_code == 400
    assert client.get(reverse("chat:api_poll"), {"evil": "1"}).status_code == 400
    assert client.post(reverse("chat:api_send"), {"body": "x" * 5000}).status_code == 400
    assert client.post(reverse("chat:api_read"), {"seq": "-1"}).status_code == 400
    other = Client()
    assert other.get(reverse("chat:api_poll")).status_code == 403


def test_posts_need_the_csrf_token(welfare, official):
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("chat:hub"))
    token = browser.cookies["csrftoken"].value
    browser.post(reverse("chat:hub"), {**START, "unit": welfare.pk, "csrfmiddlewaretoken": token})
    assert browser.post(reverse("chat:api_send"), {"body": "سلام"}).status_code == 403
    ok = browser.post(reverse("chat:api_send"), {"body": "سلام"}, HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200


def test_end_code_sms_rating_and_transcript(client, welfare, official):
    chat = start_chat(client, welfare)
    domain.accept(official, chat.pk)
    domain.send_as_official(official, chat.pk, "پاسخ کارشناس")
    ended = client.post(reverse("chat:api_end"))
    assert ended.status_code == 200
    state = ended.json()["state"]
    assert state["state"] == ChatState.ENDED and state["rateable"]
    code = format_tracking_code(chat.tracking_code)
    assert state["tracking_code"] == code
    rated = client.post(reverse("chat:api_rate"), {"rating": 4, "comment": "خوب بود"})
    assert rated.json()["state"]["rated"]
    assert client.post(reverse("chat:api_rate"), {"rating": 5}).status_code == 409
    assert client.post(reverse("chat:api_rate"), {"rating": 9}).status_code == 400

    stranger = Client()
    wrong = stranger.post(reverse("chat:track"), {"code": code, "mobile": "09129999999"})
    assert wrong.status_code == 400
    opened = stranger.post(reverse("chat:track"), {"code": code, "mobile": "09121234567"})
    assert opened.status_code == 302
    transcript = stranger.get(opened["Location"]).content.decode()
    assert "پاسخ کارشناس" in transcript and 'rel="noopener nofollow"' not in transcript


def test_a_chat_code_typed_into_the_desk_tracker_opens_the_transcript(client, welfare, official):
    chat = start_chat(client, welfare)
    domain.accept(official, chat.pk)
    domain.end(chat.pk, user=official)
    stranger = Client()
    response = stranger.post(
        "/track/", {"code": chat.tracking_code, "mobile": "09121234567"}, follow=True
    )
    assert response.status_code == 200
    assert "سلام، وام مسکن؟" in response.content.decode()


def test_closing_sends_the_code_by_sms(
    client, welfare, official, django_capture_on_commit_callbacks
):
    chat = start_chat(client, welfare)
    domain.accept(official, chat.pk)
    with django_capture_on_commit_callbacks(execute=True):
        domain.end(chat.pk, user=official)
    texts = [m.body for m in sms.outbox if m.to == "09121234567"]
    assert texts and any(
        chat.tracking_code[-4:] in t.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        for t in texts
    )


def test_continue_as_a_desk_request(client, welfare, official):
    chat = start_chat(client, welfare)
    domain.accept(official, chat.pk)
    domain.convert(chat.pk, user=official)
    chat.refresh_from_db()
    assert chat.state == ChatState.CONVERTED and chat.converted_code
    found = Client().post(
        "/track/", {"code": chat.converted_code, "mobile": "09121234567"}, follow=True
    )
    assert "سلام، وام مسکن؟" in found.content.decode()


def test_a_waiting_citizen_leaves_the_queue_and_continues_as_a_request(client, welfare, official):
    """Their unit, name, mobile and what they wrote reach the desk; the tracking code of
    the request is told in the chat, which left the queue."""
    chat = start_chat(client, welfare)
    client.post(reverse("chat:api_send"), {"body": "شماره پرونده ۱۲۳۴"})
    page = client.get(reverse("chat:conversation")).content.decode()
    assert "data-chat-convert" in page
    response = client.post(reverse("chat:api_convert"))
    assert response.status_code == 200, response.content
    assert response.json()["state"]["state"] == ChatState.CONVERTED
    chat.refresh_from_db()
    assert chat.state == ChatState.CONVERTED and chat.ended_by == "citizen"
    assert ChatSession.objects.waiting().count() == 0
    request = Client().post(
        "/track/", {"code": chat.converted_code, "mobile": "09121234567"}, follow=True
    )
    text = request.content.decode()
    assert "سلام، وام مسکن؟" in text and "شماره پرونده ۱۲۳۴" in text
    assert welfare.title in text
    said = client.get(reverse("chat:api_poll"), {"after": 0}).json()["messages"]
    assert format_tracking_code(chat.converted_code) in said[-1]["body"]
    # Once is enough; and a chat an official already took is theirs to convert.
    assert client.post(reverse("chat:api_convert")).status_code == 409
    other = Client()
    second = start_chat_as(other, welfare, mobile="09131234567")
    domain.accept(official, second.pk)
    assert other.post(reverse("chat:api_convert")).status_code == 409
    second.refresh_from_db()
    assert second.state == ChatState.ACTIVE


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_checked_file_reaches_the_chat_and_only_its_citizen(client, welfare, official):
    start_chat(client, welfare)
    pdf = SimpleUploadedFile("نامه.pdf", PDF_BYTES, content_type="application/pdf")
    sent = client.post(reverse("chat:api_send"), {"body": "", "file": pdf})
    assert sent.status_code == 200, sent.content
    attachment = sent.json()["message"]["attachment"]
    assert attachment["name"].endswith(".pdf")
    download = client.get(reverse("chat:file", args=[attachment["id"]]))
    assert download.status_code == 200
    assert Client().get(reverse("chat:file", args=[attachment["id"]])).status_code == 404
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    refused = client.post(reverse("chat:api_send"), {"body": "", "file": fake})
    assert refused.status_code == 400 and refused.json()["error"]["message"]


def test_english_pages_start_an_english_chat_in_the_same_queue(client, welfare, official):
    page = client.get("/en/chat/")
    assert page.status_code == 200 and "Live chat with officials" in page.content.decode()
    response = client.post("/en/chat/", {**START, "unit": welfare.pk})
    assert response.status_code == 302
    chat = ChatSession.objects.get()
    assert (chat.language, chat.unit_id) == ("en", welfare.pk)
    refused = client.get(reverse("chat:api_poll"), {"after": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400


def test_the_home_tile_asks_who_is_online_now_even_from_the_page_cache(
    client, settings, welfare, official
):
    """The home page may be served from the page cache for a minute; its chat tile asks
    the status address, which always answers who is online now."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    home = client.get("/").content.decode()
    status_url = reverse("chat:api_status")
    assert f'data-live-url="{status_url}"' in home
    assert welfare.title in client.get(status_url).json()["description"]

    domain.set_availability(official, Availability.AWAY)
    now = client.get(status_url)
    assert "no-store" in now["Cache-Control"]
    assert "اکنون کارشناسی برخط نیست" in now.json()["description"]
    assert client.get(status_url, {"x": "1"}).status_code == 400


def test_the_menu_entry_follows_memberships(client, welfare, official):
    """The units offering chat are cached for the menu of every page, and forgotten when
    an official leaves: the entry goes away at once."""
    hub = reverse("chat:hub")
    assert f'href="{hub}"' in client.get("/news/").content.decode()
    ChatMembership.objects.filter(user=official).delete()
    assert f'href="{hub}"' not in client.get("/news/").content.decode()


def test_my_requests_lists_the_numbers_chats_and_opens_the_transcript(client, welfare, official):
    """/track/mine/ (a one-time code to the mobile) lists the chats started with that
    number beside desk requests and loans, and opens one as its code would; another
    number's chat is neither listed nor opened."""
    chat = start_chat(client, welfare)
    stranger = Client()
    other = start_chat_as(stranger, welfare, mobile="09350000000")
    sms.outbox.clear()

    visitor = Client()
    assert visitor.post("/track/mine/", {"mobile": chat.mobile}).status_code == 302
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    code = re.search(r"\d{6}", sms.outbox[-1].body.translate(digits)).group()
    assert visitor.post("/track/mine/code/", {"code": code}).status_code == 302
    listing = visitor.get("/track/mine/list/").content.decode()
    assert "گفت‌وگوی زنده" in listing and welfare.title in listing
    assert format_tracking_code(other.tracking_code) not in listing

    assert visitor.post("/track/mine/open/", {"plugin": "chat", "ref": other.pk}).status_code == 404
    assert visitor.get("/chat/track/transcript/").status_code != 200  # nothing was opened
    opened = visitor.post("/track/mine/open/", {"plugin": "chat", "ref": chat.pk})
    assert opened.url.endswith("/chat/track/transcript/")
    transcript = visitor.get(opened.url).content.decode()
    assert START["message"] in transcript


def test_who_is_online_is_listed_in_the_pages_language(client, welfare, it_unit, official):
    """Two units online: «، » between them on Persian pages, ", " on English ones."""
    online_official(it_unit)
    status_url = reverse("chat:api_status")
    persian = client.get(status_url).json()["description"]
    assert "، " in persian and ", " not in persian.replace("، ", "")
    english = client.get("/en" + status_url).json()["description"]
    assert ", " in english and "، " not in english
