"""The chats, people and sessions of ``bench/chat_load.py``.

Run in the portal's Django by ``manage.py shell -c`` (not imported), with
``BENCH_CITIZENS`` and ``BENCH_OFFICIALS`` in the environment. Prints one line
``PREPARED <json>``: the session cookie name, each citizen's chat and session key, and
each official's session key and chats.
"""

import json
import os
import sys
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from services.chat import domain
from services.chat.admin.setup import make_official
from services.chat.citizen_session import hold
from services.chat.enums import Availability
from services.chat.models import ChatOfficial
from sitepages.models import UnitIndexPage, UnitPage

citizens, officials = int(os.environ["BENCH_CITIZENS"]), int(os.environ["BENCH_OFFICIALS"])
home = Page.objects.get(depth=2)
index = home.add_child(instance=UnitIndexPage(title="واحدها", slug="bench-units"))
units = [
    index.add_child(instance=UnitPage(title=f"واحد {n}", slug=f"bench-unit-{n}")) for n in range(4)
]
people = []
per_official = -(-citizens // officials)
for n in range(officials):
    user = get_user_model().objects.create_user(f"bench.official{n}", first_name=f"کارشناس{n}")
    make_official(user, units[n % len(units)])
    ChatOfficial.objects.update_or_create(
        user=user,
        defaults={
            "availability": Availability.AVAILABLE,
            "capacity": min(20, per_official),
            "last_seen_at": timezone.now(),
        },
    )
    client = Client()
    client.force_login(user)
    people.append(
        {"user": user, "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value, "chats": []}
    )
store_class = import_module(settings.SESSION_ENGINE).SessionStore
chats = []
for n in range(citizens):
    person = people[n % officials]
    unit = units[(n % officials) % len(units)]
    chat = domain.start(unit=unit, name=f"شهروند {n}", mobile=f"0912{n:07d}", body="سلام")
    ChatOfficial.objects.filter(user=person["user"]).update(last_seen_at=timezone.now())
    domain.accept(person["user"], chat.pk)
    store = store_class()
    hold(store, chat)
    store.create()
    person["chats"].append(chat.pk)
    chats.append({"chat": chat.pk, "cookie": store.session_key})
out = {
    "cookie_name": settings.SESSION_COOKIE_NAME,
    "citizens": chats,
    "officials": [{"cookie": p["cookie"], "chats": p["chats"]} for p in people],
}
sys.stdout.write("\nPREPARED " + json.dumps(out) + "\n")
