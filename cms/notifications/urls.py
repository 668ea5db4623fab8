"""The notification pages. They keep their names in the ``learners`` namespace
(``learners:notifications``), where ``learners.urls`` includes them."""

from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
