"""Where the certification models keep personal files: under a random name."""

import secrets


def private_upload_to(folder: str):
    """Personal files get a random, unguessable name (and live in the private storage,
    which has no URL; see ``cms.private_files``)."""

    def upload_to(instance, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"

    upload_to.__qualname__ = upload_to.__name__ = f"upload_to_{folder.replace('-', '_')}"
    return upload_to
