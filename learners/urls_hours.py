"""Supervised practice hours: the learner's log and the supervisor's sign-off queue."""

urlpatterns = []
