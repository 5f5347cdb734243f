from django.urls import path

from . import views

app_name = "testplugin"
urlpatterns = [path("", views.index, name="index")]
