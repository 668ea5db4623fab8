"""The person's in-app notifications: the list, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from cms.converters import parse_id

from .delivery import mark_read
from .models import Notification


@login_required
@require_GET
def notification_list(request):
    items = Notification.objects.of(request.user)[:100]
    return render(request, "learners/notifications.html", {"notifications": items})


@login_required
@require_POST
def notifications_read(request):
    raw = request.POST.get("notification", "")
    mark_read(user=request.user, notification_id=parse_id(raw))
    if request.htmx:
        return render(
            request,
            "learners/notifications.html#notification-list",
            {"notifications": Notification.objects.of(request.user)[:100]},
        )
    return redirect("learners:notifications")
