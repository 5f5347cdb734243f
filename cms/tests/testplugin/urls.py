from django.urls import path

from . import views

app_name = "testplugin"
urlpatterns = [
    path("", views.index, name="index"),
    path("lookup/", views.lookup, name="lookup"),
    path("ticket/", views.ticket, name="ticket"),
    path("ticket/withdraw/", views.withdraw, name="withdraw"),
]
