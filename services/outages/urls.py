from django.urls import path

from . import feeds, views

app_name = "outages"

urlpatterns = [
    path("", views.status_page, name="index"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("feed/rss/", feeds.NoticeRSSFeed(), name="rss"),
    path("feed/atom/", feeds.NoticeAtomFeed(), name="atom"),
    path("maintenance.ics", feeds.maintenance_calendar, name="ical"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.confirm_subscription, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
