# Certificates, their exports and attestation evidence move to the private storage.

import cms.private_files
import cms.uploads
import learners.certification.models
from django.core.files.storage import storages
from django.db import migrations, models

# Files stored before this migration sit in the default (media) storage, which may be
# served by URL. Move each into the private storage under the same name.
FIELDS = [("Attestation", "evidence"), ("Certificate", "pdf"), ("CertificateExport", "file")]


def move_to_private(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    for model_name, field in FIELDS:
        model = apps.get_model("learners", model_name)
        names = model.objects.exclude(**{field: ""}).values_list(field, flat=True)
        for name in names.iterator():
            if not public.exists(name) or private.exists(name):
                continue
            with public.open(name, "rb") as handle:
                private.save(name, handle)
            public.delete(name)


def move_back(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    for model_name, field in FIELDS:
        model = apps.get_model("learners", model_name)
        names = model.objects.exclude(**{field: ""}).values_list(field, flat=True)
        for name in names.iterator():
            if private.exists(name) and not public.exists(name):
                with private.open(name, "rb") as handle:
                    public.save(name, handle)
                private.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ("learners", "0014_programme_leads_from_cohort_leads"),
    ]

    operations = [
        migrations.AlterField(
            model_name='attestation',
            name='evidence',
            field=models.FileField(storage=cms.private_files.private_storage, upload_to=learners.certification.models.evidence_upload_to, validators=[cms.uploads.UploadValidator()], verbose_name='evidence'),
        ),
        migrations.AlterField(
            model_name='certificate',
            name='pdf',
            field=models.FileField(blank=True, storage=cms.private_files.private_storage, upload_to=learners.certification.models.certificate_upload_to, verbose_name='PDF'),
        ),
        migrations.AlterField(
            model_name='certificateexport',
            name='file',
            field=models.FileField(blank=True, storage=cms.private_files.private_storage, upload_to=learners.certification.models.export_upload_to),
        ),
        migrations.RunPython(move_to_private, move_back),
    ]
