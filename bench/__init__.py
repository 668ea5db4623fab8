"""The benchmark (`make bench`): a generated dataset, pages measured against the floor.

Installed only by ``cms.settings.bench``; nothing else imports it."""
