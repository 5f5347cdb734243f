"""In Chromium on a 360 px phone: the page that fell back to polling goes back to its
WebSocket once sockets work again, losing and repeating nothing; and with nobody online,
what the citizen typed becomes a desk request."""

import re
from urllib.parse import quote

import pytest

from services.chat import conf
from services.chat.models import ChatSession

from .factories import MembershipFactory, OfficialFactory, UserFactory, make_units
from .test_browser import STAFF_SOCKET, login, staff_send, wait_for_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# WebSockets that never connect (a proxy dropping the upgrade) until the test lets them.
SWITCHABLE_SOCKETS = """
window.socketsBlocked = true;
(function () {
  var Real = window.WebSocket;
  window.WebSocket = function (url) {
    if (!window.socketsBlocked) return new Real(url);
    this.readyState = 0; this.send = function () {}; this.close = function () {};
  };
})();
"""


def test_the_page_returns_from_polling_to_its_socket_without_loss_or_repeats(
    asgi_live_server, home_page, page_factory, screenshot
):
    base = asgi_live_server
    welfare = make_units(home_page)["welfare-office"]
    official = UserFactory(first_name="مریم")
    MembershipFactory(user=official, unit=welfare)
    OfficialFactory(user=official)
    desk = page_factory()
    login(desk, base, official)
    desk.goto(base + "/")
    desk.evaluate(STAFF_SOCKET)
    wait_for_frame(desk, "welcome")

    citizen = page_factory(width=360, height=780)
    citizen.add_init_script(SWITCHABLE_SOCKETS)
    citizen.goto(base + "/chat/")
    citizen.select_option("#id_unit", str(welfare.pk))
    citizen.fill("#id_name", "زهرا احمدی")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.fill("#id_message", "سلام، وام ودیعهٔ مسکن؟")
    citizen.click("form[data-chat-start] button[type=submit]")
    citizen.wait_for_url(base + "/chat/conversation/")
    citizen.wait_for_selector("[data-chat-root][data-chat-mode=polling]", timeout=15000)
    assert citizen.locator("[data-chat-connection]").is_visible()

    chat = ChatSession.objects.get()
    wait_for_frame(desk, "waiting", chat=chat.pk)
    staff_send(desk, {"type": "accept", "chat": chat.pk})
    wait_for_frame(desk, "messages", chat=chat.pk)
    staff_send(desk, {"type": "message", "chat": chat.pk, "body": "پاسخ اول از راه نظرسنجی"})
    citizen.locator(".chat-message--official", has_text="پاسخ اول").wait_for(timeout=15000)
    citizen.fill("[data-chat-body]", "پیام دوم من")
    citizen.click("[data-chat-send]")
    citizen.locator(".chat-message--citizen", has_text="پیام دوم من").wait_for()

    # Sockets work again: a retry (with backoff) takes over from polling.
    citizen.evaluate("() => { window.socketsBlocked = false; }")
    citizen.wait_for_selector("[data-chat-root][data-chat-mode=socket]", timeout=90000)
    assert not citizen.locator("[data-chat-connection]").is_visible()
    staff_send(desk, {"type": "message", "chat": chat.pk, "body": "پاسخ دوم از راه سوکت"})
    citizen.locator(".chat-message--official", has_text="پاسخ دوم").wait_for(timeout=10000)
    citizen.fill("[data-chat-body]", "پیام سوم از راه سوکت")
    citizen.click("[data-chat-send]")
    desk.wait_for_function(
        "() => window.frames_.some((f) => f.type === 'message' && f.message.body === 'پیام سوم از راه سوکت')"
    )
    # Nothing lost, nothing twice, in order: 1 question, 1 joined, 2 answers, 2 messages.
    # A poll in flight at the switch, or one more after it, would show here.
    citizen.wait_for_timeout(max(3 * conf.poll_interval_ms(), 1000))
    seqs = citizen.eval_on_selector_all("[data-seq]", "els => els.map(e => +e.dataset.seq)")
    assert seqs == sorted(set(seqs)) and len(seqs) == 6, seqs
    assert citizen.locator(".chat-message--official").count() == 2
    assert citizen.locator(".chat-message--citizen").count() == 3
    screenshot(citizen, "chat-back-on-socket-360")


def test_nobody_online_the_typed_question_becomes_a_desk_request(
    asgi_live_server, home_page, page_factory, screenshot
):
    base = asgi_live_server
    welfare = make_units(home_page)["welfare-office"]
    away = UserFactory()
    MembershipFactory(user=away, unit=welfare)
    OfficialFactory(user=away, away=True)

    citizen = page_factory(width=360, height=780)
    citizen.goto(base + "/")
    tile = citizen.locator(".tile", has_text="گفت‌وگوی زنده با کارشناسان")
    assert "کارشناسی برخط نیست" in tile.inner_text()
    tile.locator("a").first.click()
    citizen.wait_for_url(base + "/chat/")
    box = citizen.locator("[data-chat-offline]")
    box.wait_for()
    question = "وام ودیعهٔ مسکن من کی واریز می‌شود؟"
    citizen.fill("#chat-desk-text", question)
    screenshot(citizen, "chat-nobody-online-360")
    visited = []
    citizen.on("request", lambda request: visited.append(request.url))
    citizen.click("[data-chat-to-desk] button[type=submit]")
    citizen.wait_for_url(base + "/desk/request/")
    assert citizen.locator("#id_body").input_value() == question
    citizen.fill("#id_name", "زهرا احمدی")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.select_option("#id_unit", str(welfare.pk))
    citizen.fill("#id_subject", "وام ودیعهٔ مسکن")
    citizen.click(".desk-form button[type=submit]")
    citizen.wait_for_url(base + "/desk/done/")
    # The question travelled in POST bodies and the session, never in an address
    # (access logs, browser history).
    assert visited
    assert not [url for url in visited if "text=" in url or quote(question) in url], visited
    shown = citizen.locator(".desk-code-big").inner_text()
    assert re.fullmatch(r"[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}", shown), shown
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    assert not ChatSession.objects.exists()
