"""The whole story in Chromium, a citizen on a 360 px phone and an official on a desktop,
once over WebSockets and once with the citizen's WebSocket blocked (polling fallback).
The official acts through the staff socket protocol (PROTOCOL.md) from a logged-in page."""

import json
import re

import pytest

from services.chat.models import ChatSession

from .factories import MembershipFactory, OfficialFactory, UserFactory, make_units

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password-1"
TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")

# A WebSocket that never connects, as behind a proxy that drops the upgrade.
BLOCK_SOCKETS = """
window.WebSocket = function () { this.readyState = 0; this.send = function () {};
  this.close = function () {}; };
"""

STAFF_SOCKET = """() => new Promise((resolve) => {
  window.frames_ = [];
  const socket = new WebSocket('ws://' + location.host + '/ws/chat/staff/');
  window.staff = socket;
  socket.onmessage = (event) => window.frames_.push(JSON.parse(event.data));
  socket.onopen = () => { socket.send(JSON.stringify({type: 'hello'})); resolve(true); };
})"""


def login(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def staff_send(page, frame):
    page.evaluate(f"() => window.staff.send({json.dumps(json.dumps(frame))})")


def wait_for_frame(page, kind, **match):
    condition = " && ".join(
        [f"f.type === {json.dumps(kind)}"]
        + [f"f[{json.dumps(k)}] === {json.dumps(v)}" for k, v in match.items()]
    )
    page.wait_for_function(f"() => window.frames_.some((f) => {condition})")


def story(base, home_page, page_factory, screenshot, name, *, block_sockets=False):
    units = make_units(home_page)
    welfare = units["welfare-office"]
    official = UserFactory(first_name="مریم")
    MembershipFactory(user=official, unit=welfare)
    OfficialFactory(user=official)

    desk = page_factory()
    login(desk, base, official)
    desk.goto(base + "/")
    desk.evaluate(STAFF_SOCKET)
    wait_for_frame(desk, "welcome")

    citizen = page_factory(width=360, height=780)
    if block_sockets:
        citizen.add_init_script(BLOCK_SOCKETS)
    citizen.goto(base + "/")
    tile = citizen.locator(".tile", has_text="گفت‌وگوی زنده با کارشناسان")
    assert welfare.title in tile.inner_text()
    tile.locator("a").first.click()
    citizen.wait_for_url(base + "/chat/")
    citizen.select_option("#id_unit", str(welfare.pk))
    citizen.fill("#id_name", "زهرا احمدی")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.fill("#id_message", "سلام، وام ودیعهٔ مسکن کی واریز می‌شود؟")
    citizen.click("form[data-chat-start] button[type=submit]")
    citizen.wait_for_url(base + "/chat/conversation/")
    status = citizen.locator("[data-chat-status]")
    status.filter(has_text="نفر ۱ صف").wait_for()
    mode = "polling" if block_sockets else "socket"
    citizen.wait_for_selector(f"[data-chat-root][data-chat-mode={mode}]", timeout=15000)
    screenshot(citizen, f"{name}-waiting-360")

    chat = ChatSession.objects.get()
    wait_for_frame(desk, "waiting", chat=chat.pk)
    staff_send(desk, {"type": "accept", "chat": chat.pk})
    wait_for_frame(desk, "messages", chat=chat.pk)
    status.filter(has_text="مریم").wait_for(timeout=10000)

    staff_send(
        desk, {"type": "message", "chat": chat.pk, "body": "سلام، هفتهٔ آینده. https://example.com"}
    )
    reply = citizen.locator(".chat-message--official", has_text="هفتهٔ آینده")
    reply.wait_for(timeout=10000)
    assert reply.locator("a").get_attribute("rel") == "noopener nofollow"
    citizen.fill("[data-chat-body]", "ممنونم، شماره پروندهٔ من 1234 است")
    citizen.click("[data-chat-send]")
    desk.wait_for_function(
        "() => window.frames_.some((f) => f.type === 'message' && f.message.body.includes('ممنونم'))"
    )
    screenshot(citizen, f"{name}-active-360")

    # A reload mid-chat loses nothing.
    citizen.reload()
    citizen.locator(".chat-message--official", has_text="هفتهٔ آینده").wait_for()
    citizen.locator(".chat-message--citizen", has_text="ممنونم").wait_for()
    assert citizen.locator(".chat-message--citizen").count() == 2

    staff_send(desk, {"type": "end", "chat": chat.pk})
    citizen.locator("[data-chat-closed]").wait_for(timeout=10000)
    code = citizen.locator("[data-chat-code]").inner_text().translate(TO_LATIN)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", code), code
    citizen.locator("[data-chat-rate] input[value='5']").check()
    citizen.fill("#chat-rating-comment", "پاسخ سریع و روشن بود")
    citizen.click("[data-chat-rate] button[type=submit]")
    citizen.locator("[data-chat-thanks]").wait_for()
    screenshot(citizen, f"{name}-ended-360")
    chat.refresh_from_db()
    assert chat.rating == 5

    # Later, the transcript at /track/ with code and mobile.
    citizen.goto(base + "/track/")
    citizen.fill("#id_code", code)
    citizen.fill("#id_mobile", "09121234567")
    citizen.click("main form[method=post] button[type=submit]")
    citizen.wait_for_url(base + "/chat/track/transcript/")
    text = citizen.locator("main").inner_text()
    assert "هفتهٔ آینده" in text and "ممنونم" in text
    screenshot(citizen, f"{name}-transcript-360")


def test_citizen_and_official_over_websockets(
    asgi_live_server,
    home_page,
    page_factory,
    screenshot,
):
    story(asgi_live_server, home_page, page_factory, screenshot, "chat-socket")


def test_the_same_story_over_polling_when_sockets_are_blocked(
    asgi_live_server,
    home_page,
    page_factory,
    screenshot,
):
    story(asgi_live_server, home_page, page_factory, screenshot, "chat-polling", block_sockets=True)
