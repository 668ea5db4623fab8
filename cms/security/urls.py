"""Accounts: sign-in with the second factor, sign-out, password reset (under /accounts/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import PersonPasswordResetForm

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.overview, name="two_factor"),
    path("two-factor/verify/", views.verify, name="two_factor_verify"),
    path("two-factor/setup/", views.setup, name="two_factor_setup"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=PersonPasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
