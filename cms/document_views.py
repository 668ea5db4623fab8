"""A prepared document's page (its progress, polled by htmx; a reload without
JavaScript) and its download. Both for its owner only: anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import PreparedDocument
from .private_files import serve_private


@never_cache
@login_required
@require_GET
def document(request, pk):
    prepared = get_object_or_404(PreparedDocument, pk=pk, owner=request.user)
    template = "cms/documents/document.html"
    if request.htmx:
        template += "#document-progress"
    return render(request, template, {"document": prepared})


@login_required
@require_GET
def document_download(request, pk):
    prepared = get_object_or_404(PreparedDocument, pk=pk, owner=request.user)
    if prepared.status != PreparedDocument.Status.DONE or not prepared.file:
        raise Http404
    return serve_private(request, prepared.file, filename=prepared.filename)
