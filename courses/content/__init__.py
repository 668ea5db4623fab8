"""Programmes as reviewable files: the file format (``format``), loading files into pages
(``loader``) and writing pages back to files (``exporter``). See content/README.md."""
