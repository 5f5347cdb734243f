from django.urls import path

from . import views

app_name = "testplugin"
urlpatterns = [
    path("", views.index, name="index"),
    path("tickets/<int:pk>/", views.ticket, name="ticket"),
    path("tickets/<int:pk>/drop/", views.drop, name="drop"),
]
