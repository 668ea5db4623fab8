"""Certificates: the learner's list and downloads, public verification and the issuer's
published documents, and the administrator's issuing, revocation, attestations and bulk
export. Each view: check access (404 for what is not yours), parse, call the domain."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from cms.access import is_administrator
from cms.models import SiteSettings
from cms.private_files import serve_private
from courses.models import ProgrammePage

from . import certificates as domain
from . import credentials, keys
from .exports import start_export
from .forms import AttestationForm, ExportForm, RevokeForm
from .models import Attestation, Certificate, CertificateExport


def _require_admin(user) -> None:
    if not is_administrator(user):
        raise Http404


def _own(request, pk) -> Certificate:
    certificate = get_object_or_404(Certificate.objects.select_related("programme"), pk=pk)
    if certificate.learner_id != request.user.pk and not is_administrator(request.user):
        raise Http404
    return certificate


# --- the learner -----------------------------------------------------------------------


@login_required
@require_GET
def certificate_list(request):
    rows = Certificate.objects.of(request.user).select_related("programme", "superseded_by")
    return render(request, "learners/certificates/list.html", {"certificates": rows})


@login_required
@require_GET
def certificate_pdf(request, pk):
    certificate = _own(request, pk)
    if not certificate.pdf:
        raise Http404
    return serve_private(request, certificate.pdf, filename=f"{certificate.serial}.pdf")


@login_required
@require_GET
def certificate_credential(request, pk):
    certificate = _own(request, pk)
    response = HttpResponse(certificate.credential, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.jwt"'
    return response


@login_required
@require_GET
def certificate_credential_ld(request, pk):
    """The same credential with its embedded Data Integrity proof, for wallets."""
    certificate = _own(request, pk)
    if not certificate.credential_ld:
        raise Http404
    response = HttpResponse(certificate.credential_ld, content_type="application/vc+ld+json")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.json"'
    return response


# --- public ----------------------------------------------------------------------------


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, *, scope: str, limit: int) -> bool:
    """A fixed one-minute window per client address, counted in the shared cache."""
    key = f"ratelimit:{scope}:{_client_ip(request)}"
    if cache.add(key, 1, timeout=60):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


def public(view):
    """A public credential endpoint: GET and HEAD, readable from any origin (CORS), with
    nothing to leak (no cookies are read or set)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(wrapper)


@never_cache
@public
def verify(request, verification_id):
    """Public: valid, expired, revoked (when and why) or superseded — and nothing about
    the holder beyond the name and programme printed on the certificate. Search engines
    are asked not to index it."""
    if rate_limited(request, scope="verify", limit=settings.VERIFY_RATE_LIMIT):
        return HttpResponse(_("Too many requests. Try again in a minute."), status=429,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    certificate = (
        Certificate.objects.select_related("superseded_by")
        .filter(verification_id=verification_id)
        .first()
    )
    if certificate is None:
        response = render(request, "learners/certificates/not_found.html", status=404)
    else:
        response = render(
            request, "learners/certificates/verify.html",
            {"certificate": certificate, "state": certificate.state()},
        )  # fmt: skip
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _json(document: dict, content_type: str, max_age: int = 300) -> HttpResponse:
    response = HttpResponse(credentials.dumps(document), content_type=content_type)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@public
def credential_issuer(request):
    name = SiteSettings.for_request(request).organisation_name
    return _json(credentials.issuer_profile(name), "application/ld+json")


@public
def credential_jwks(request):
    return _json(keys.jwks(), "application/jwk-set+json")


@public
def credential_key(request, thumbprint):
    """One published key as a JWK: what a VC-JWT's ``kid`` dereferences to."""
    key = keys.find_key(thumbprint)
    if key is None:
        raise Http404
    return _json(key.published_jwk(), "application/jwk+json")


@public
def did_document(request):
    return _json(credentials.did_document(), "application/did+json")


@public
def credential_status_list(request, number, purpose="revocation"):
    """A status list: as a VC-JWT when the client asks for ``application/vc+jwt``, else
    as JSON-LD with an embedded proof. Unknown lists and purposes are 404s, never a
    freshly signed empty list. Verifiers may cache it for ``ttl``."""
    if purpose not in credentials.PURPOSES or not credentials.status_list_exists(number):
        raise Http404
    ttl = credentials.STATUS_LIST_TTL_SECONDS
    if "application/vc+jwt" in request.headers.get("Accept", ""):
        response = HttpResponse(
            credentials.status_list_jwt(number, purpose), content_type="application/vc+jwt"
        )
        patch_cache_control(response, public=True, max_age=ttl)
    else:
        response = _json(
            credentials.signed_status_list(number, purpose), "application/vc+ld+json", ttl
        )
    patch_vary_headers(response, ["Accept"])
    return response


# --- the administrator -----------------------------------------------------------------


@login_required
@require_GET
def manage(request):
    _require_admin(request.user)
    context = {
        "awaiting": domain.awaiting_approval(),
        "recent": Certificate.objects.select_related("programme", "superseded_by")[:50],
        "revoke_form": RevokeForm(),
    }
    return render(request, "learners/certificates/manage.html", context)


@login_required
@require_POST
def issue(request, programme_id, learner_id):
    _require_admin(request.user)
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    learner = get_object_or_404(get_user_model(), pk=learner_id)
    try:
        certificate = domain.issue_certificate(
            learner=learner, programme=programme, level=request.POST.get("level", ""),
            actor=request.user,
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Issued %(serial)s.") % {"serial": certificate.serial})
    return redirect("learners:certificates-manage")


@login_required
@require_POST
def revoke(request, pk):
    _require_admin(request.user)
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        domain.revoke_certificate(
            certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Revoked %(serial)s.") % {"serial": certificate.serial})
    else:
        messages.error(request, _("Give a reason for revoking."))
    return redirect("learners:certificates-manage")


@login_required
@require_POST
def renew(request, pk):
    _require_admin(request.user)
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        new = domain.renew_certificate(certificate=certificate, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Renewed as %(serial)s.") % {"serial": new.serial})
    return redirect("learners:certificates-manage")


@login_required
def attest(request):
    _require_admin(request.user)
    # The dashboard links each outstanding attestation here with its learner, programme
    # and key filled in (?learner=…&programme=…&key=…).
    initial = {
        name: request.GET[name] for name in ("learner", "programme", "key") if name in request.GET
    }
    form = AttestationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.confirm_attestation(
                learner=data["learner"], programme=data["programme"], key=data["key"],
                evidence=data["evidence"], note=data["note"], actor=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attestation confirmed."))
            return redirect("learners:certificates-attest")
    recent = Attestation.objects.select_related("learner", "programme", "confirmed_by")[:20]
    return render(request, "learners/certificates/attest.html", {"form": form, "recent": recent})


@login_required
@require_GET
def attestation_evidence(request, pk):
    """The evidence file, for administrators only (everyone else: 404), as a download."""
    _require_admin(request.user)
    attestation = get_object_or_404(Attestation, pk=pk)
    if not attestation.evidence:
        raise Http404
    return serve_private(
        request, attestation.evidence, filename=f"attestation-{attestation.pk}-{attestation.key}"
    )


@login_required
def exports(request):
    _require_admin(request.user)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = start_export(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("learners:certificates-export", pk=export.pk)
    rows = CertificateExport.objects.filter(requested_by=request.user).select_related(
        "programme", "cohort"
    )[:20]
    return render(request, "learners/certificates/exports.html", {"form": form, "exports": rows})


@never_cache
@login_required
@require_GET
def export_detail(request, pk):
    _require_admin(request.user)
    export = get_object_or_404(CertificateExport, pk=pk, requested_by=request.user)
    template = "learners/certificates/export.html"
    if request.htmx:
        template += "#export-progress"
    return render(request, template, {"export": export})


@login_required
@require_GET
def export_download(request, pk):
    _require_admin(request.user)
    export = get_object_or_404(CertificateExport, pk=pk, requested_by=request.user)
    if not export.file:
        raise Http404
    return serve_private(request, export.file, filename=f"certificates-{export.pk}.zip")
